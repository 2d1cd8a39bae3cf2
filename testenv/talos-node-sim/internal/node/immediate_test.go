package node

import (
	"strings"
	"testing"

	"github.com/siderolabs/talos/pkg/machinery/config"
	"github.com/siderolabs/talos/pkg/machinery/config/container"
	"github.com/siderolabs/talos/pkg/machinery/config/generate"
	"github.com/siderolabs/talos/pkg/machinery/config/machine"
	"github.com/siderolabs/talos/pkg/machinery/config/types/v1alpha1"
	"github.com/siderolabs/talos/pkg/machinery/constants"
)

func workerConfig(t *testing.T, opts ...generate.Option) config.Provider {
	t.Helper()

	in, err := generate.NewInput("unit", "https://127.0.0.1:6443", constants.DefaultKubernetesVersion,
		append([]generate.Option{generate.WithInstallDisk("/dev/nvme0n1")}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}

	cfg, err := in.Config(machine.TypeWorker)
	if err != nil {
		t.Fatal(err)
	}

	return cfg
}

func TestLiveSectionsApplyImmediately(t *testing.T) {
	current := workerConfig(t)
	next := current.RawV1Alpha1().DeepCopy()
	next.MachineConfig.MachineSysctls = map[string]string{"vm.nr_hugepages": "2048"}
	next.MachineConfig.MachineNodeLabels = map[string]string{"openebs.io/engine": "mayastor"}

	if err := canApplyImmediate(current, wrap(t, next)); err != nil {
		t.Fatalf("sysctls and node labels are applied live, got %v", err)
	}
}

func TestOtherSectionsNeedAReboot(t *testing.T) {
	current := workerConfig(t)
	next := current.RawV1Alpha1().DeepCopy()
	next.MachineConfig.MachineEnv = map[string]string{"FOO": "bar"}

	err := canApplyImmediate(current, wrap(t, next))
	if err == nil || !strings.Contains(err.Error(), "can't be applied in immediate mode") || !strings.Contains(err.Error(), "+        FOO: bar") {
		t.Fatalf("machine.env needs a reboot and the error shows the diff, got %v", err)
	}
}

func TestInstallDiskMustExist(t *testing.T) {
	cfg := workerConfig(t)

	if err := checkInstallDisk(cfg, []string{"/dev/nvme0n1"}); err != nil {
		t.Fatalf("present disk rejected: %v", err)
	}

	err := checkInstallDisk(cfg, []string{"/dev/sda"})
	want := "rpc error: code = InvalidArgument desc = configuration validation failed: 1 error occurred:\n\t* specified install disk does not exist: \"/dev/nvme0n1\"\n\n"

	if err == nil || err.Error() != want {
		t.Fatalf("got %q, want %q", err, want)
	}
}

func wrap(t *testing.T, cfg *v1alpha1.Config) config.Provider {
	t.Helper()

	c, err := container.New(cfg)
	if err != nil {
		t.Fatal(err)
	}

	return c
}
