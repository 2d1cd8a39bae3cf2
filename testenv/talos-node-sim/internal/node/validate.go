package node

import (
	"context"
	"fmt"
	"slices"

	"github.com/cosi-project/runtime/pkg/state"
	"github.com/hashicorp/go-multierror"
	"github.com/siderolabs/talos/pkg/machinery/config"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// metalMode is the runtime mode of a bare-metal node: it needs an install
// disk until Talos has been installed.
type metalMode struct{ installed bool }

func (metalMode) String() string          { return "metal" }
func (m metalMode) RequiresInstall() bool { return !m.installed }
func (metalMode) InContainer() bool       { return false }

// validate runs machinery's own validation for metal mode, with the node's
// disks in the resource state so disk selectors match what the node has.
func validate(ctx context.Context, cfg config.Provider, resources state.State, disks []string, installed bool) ([]string, error) {
	mode := metalMode{installed: installed}

	if !installed {
		// the installer resolves a link to its disk (filepath.EvalSymlinks): any path a disk answers to counts
		if err := checkInstallDisk(cfg, append(slices.Clone(disks), diskLinks(ctx, resources)...)); err != nil {
			return nil, err
		}
	}

	warnings, err := cfg.Validate(mode)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}

	runtimeWarnings, err := cfg.RuntimeValidate(ctx, resources, mode)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}

	return slices.Concat(warnings, runtimeWarnings), nil
}

// checkInstallDisk rejects an install disk the machine does not have, with the
// maintenance service's error (Talos ≤1.11 checked this at apply time; machinery
// 1.13 leaves a literal disk path to the installer, which then fails the boot —
// a test cannot observe that, so the simulator answers the way the API used to).
func checkInstallDisk(cfg config.Provider, disks []string) error {
	if cfg.RawV1Alpha1() == nil || cfg.RawV1Alpha1().MachineConfig == nil || cfg.RawV1Alpha1().MachineConfig.MachineInstall == nil {
		return nil
	}

	disk := cfg.RawV1Alpha1().MachineConfig.MachineInstall.InstallDisk
	if disk == "" || slices.Contains(disks, disk) {
		return nil
	}

	var result *multierror.Error

	result = multierror.Append(result, fmt.Errorf("specified install disk does not exist: %q", disk))

	return status.Error(codes.InvalidArgument, fmt.Sprintf("configuration validation failed: %s", result))
}
