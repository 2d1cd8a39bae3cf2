package node

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/siderolabs/talos/pkg/machinery/api/machine"
	"github.com/siderolabs/talos/pkg/machinery/config"
	"github.com/siderolabs/talos/pkg/machinery/config/configdiff"
	"github.com/siderolabs/talos/pkg/machinery/config/configloader"
	"github.com/siderolabs/talos/pkg/machinery/constants"
	"github.com/siderolabs/talos/pkg/machinery/resources/runtime"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// ApplyConfiguration is machined's ApplyConfiguration: validate, pick the
// apply mode, then install (maintenance) or apply live / stage / reboot.
func (n *Node) ApplyConfiguration(ctx context.Context, in *machine.ApplyConfigurationRequest, admin bool) (*machine.ApplyConfiguration, error) {
	n.mu.Lock()
	defer n.mu.Unlock()

	if n.rebootPending {
		return nil, status.Error(codes.FailedPrecondition, "configuration was already applied and node is rebooting, cannot apply more configuration changes until next reboot")
	}

	inMaintenance := n.mode == Maintenance
	if !inMaintenance && !admin {
		return nil, errNotAuthorized
	}

	cfg, err := configloader.NewFromBytes(in.GetData())
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}

	if !inMaintenance && cfg.RawV1Alpha1() == nil {
		return nil, status.Error(codes.InvalidArgument, "the applied machine configuration doesn't contain v1alpha1 config, did you mean to patch the machine config instead?")
	}

	warnings, err := validate(ctx, cfg, n.resources, n.spec.Disks, !inMaintenance)
	if err != nil {
		return nil, err
	}

	mode := in.Mode
	modeName := mode.String()
	modeDetails := "Applied configuration with a reboot"
	modeErr := ""

	if inMaintenance && mode == machine.ApplyConfigurationRequest_REBOOT {
		mode = machine.ApplyConfigurationRequest_NO_REBOOT
	}

	//nolint:exhaustive // interactive is client-side only
	switch mode {
	case machine.ApplyConfigurationRequest_TRY, machine.ApplyConfigurationRequest_NO_REBOOT:
		if err = canApplyImmediate(n.active, cfg); err != nil && !inMaintenance {
			return nil, status.Error(codes.InvalidArgument, err.Error())
		}

		modeDetails = "Applied configuration without a reboot"
	case machine.ApplyConfigurationRequest_STAGED:
		modeDetails = "Staged configuration to be applied after the next reboot"
	case machine.ApplyConfigurationRequest_AUTO:
		if err = canApplyImmediate(n.active, cfg); err != nil && !inMaintenance {
			mode = machine.ApplyConfigurationRequest_REBOOT
			modeErr = ": " + err.Error()
		} else {
			mode = machine.ApplyConfigurationRequest_NO_REBOOT
			modeDetails = "Applied configuration without a reboot"
		}

		modeName = fmt.Sprintf("%s(%s)", modeName, mode)
	}

	if in.DryRun {
		diff, err := n.diffLocked(cfg)
		if err != nil {
			return nil, fmt.Errorf("failed to generate diff: %w", err)
		}

		return &machine.ApplyConfiguration{
			Mode:        mode,
			ModeDetails: fmt.Sprintf("Dry run summary:\n%s (skipped in dry-run).\n%s", modeDetails, diff),
		}, nil
	}

	log.Printf("%s: apply config request: mode %s", n.spec.Address, strings.ToLower(modeName))

	n.appliedConfigs++
	n.fleet.learnIssuer(cfg)

	switch {
	case inMaintenance:
		// the maintenance service hands the config to the boot sequence: install, then reboot into it
		n.persisted = cfg
		n.rebootPending = true
		n.powerCycleLocked([]phase{
			{runtime.MachineStageInstalling, n.scale.Install()},
			{runtime.MachineStageRebooting, n.scale.Reboot()},
		}, nil, nil)
	case mode == machine.ApplyConfigurationRequest_TRY:
		timeout := constants.ConfigTryTimeout
		if in.TryModeTimeout != nil {
			timeout = in.TryModeTimeout.AsDuration()
		}

		modeDetails += fmt.Sprintf("\nThe config is applied in 'try' mode and will be automatically reverted back in %s", timeout.String())
		n.activateLocked(cfg)
		n.rollbackAfterLocked(timeout)
	case mode == machine.ApplyConfigurationRequest_NO_REBOOT:
		n.persisted = cfg
		n.activateLocked(cfg)
	case mode == machine.ApplyConfigurationRequest_STAGED:
		n.persisted = cfg
	case mode == machine.ApplyConfigurationRequest_REBOOT:
		n.persisted = cfg
		n.rebootPending = true
		n.powerCycleLocked([]phase{{runtime.MachineStageRebooting, n.scale.Reboot()}}, nil, nil)
	default:
		return nil, fmt.Errorf("incorrect mode '%s' specified for the apply config call", mode.String())
	}

	return &machine.ApplyConfiguration{
		Mode:        mode,
		Warnings:    warnings,
		ModeDetails: modeDetails + modeErr,
	}, nil
}

func (n *Node) diffLocked(cfg config.Provider) (string, error) {
	var current config.Encoder
	if n.active != nil {
		current = n.active
	}

	diff, err := configdiff.DiffConfigs(current, cfg)
	if err != nil {
		return "", err
	}

	if diff == "" {
		diff = "No changes."
	}

	return "Config diff:\n\n" + diff, nil
}

// activateLocked applies a config to the running system (no reboot).
func (n *Node) activateLocked(cfg config.Provider) {
	n.active = cfg

	if err := publishConfig(context.Background(), n.resources, cfg); err != nil {
		log.Printf("%s: publish config: %v", n.spec.Address, err)
	}

	n.fleet.nodeConfigured(n)
}

// rollbackAfterLocked reverts a 'try' config to the persisted one unless the node changed meanwhile.
func (n *Node) rollbackAfterLocked(timeout time.Duration) {
	tried := n.active

	n.after(timeout, func() {
		if n.active == tried && n.persisted != nil {
			n.activateLocked(n.persisted)
		}
	})
}
