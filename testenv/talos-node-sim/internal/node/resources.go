package node

import (
	"context"

	"github.com/cosi-project/runtime/pkg/resource"
	"github.com/cosi-project/runtime/pkg/resource/meta"
	"github.com/cosi-project/runtime/pkg/state"
	"github.com/cosi-project/runtime/pkg/state/impl/inmem"
	"github.com/cosi-project/runtime/pkg/state/impl/namespaced"
	"github.com/cosi-project/runtime/pkg/state/registry"
	"github.com/siderolabs/talos/pkg/machinery/config"
	"github.com/siderolabs/talos/pkg/machinery/resources/block"
	configres "github.com/siderolabs/talos/pkg/machinery/resources/config"
	"github.com/siderolabs/talos/pkg/machinery/resources/runtime"
)

// newResourceState builds the node's COSI state the way machined does: the
// default meta registry plus the Talos resource definitions talosctl resolves
// aliases against (talosctl get machinestatus / disks / machineconfig).
func newResourceState(ctx context.Context) (state.State, error) {
	st := state.WrapCore(namespaced.NewState(inmem.Build))

	namespaces := registry.NewNamespaceRegistry(st)
	if err := namespaces.RegisterDefault(ctx); err != nil {
		return nil, err
	}

	for _, ns := range []struct{ name, description string }{
		{runtime.NamespaceName, "Talos v1alpha1 subsystems glue resources."},
		{configres.NamespaceName, "Talos node configuration."},
	} {
		if err := namespaces.Register(ctx, ns.name, ns.description); err != nil {
			return nil, err
		}
	}

	definitions := registry.NewResourceRegistry(st)
	if err := definitions.RegisterDefault(ctx); err != nil {
		return nil, err
	}

	for _, r := range []meta.ResourceWithRD{
		&block.Disk{},
		&runtime.MachineStatus{},
		&configres.MachineConfig{},
		&configres.MachineType{},
		&runtime.ExtensionStatus{},
	} {
		if err := definitions.Register(ctx, r); err != nil {
			return nil, err
		}
	}

	return st, nil
}

// upsert creates or replaces a resource.
func upsert(ctx context.Context, st state.State, r resource.Resource) error {
	current, err := st.Get(ctx, r.Metadata())
	if state.IsNotFoundError(err) {
		return st.Create(ctx, r)
	}

	if err != nil {
		return err
	}

	r.Metadata().SetVersion(current.Metadata().Version())

	return st.Update(ctx, r)
}

// forgetConfig removes what a reset wipes: the applied config, the machine type, the system disk.
func forgetConfig(ctx context.Context, st state.State) error {
	if err := forgetSystemDisk(ctx, st); err != nil {
		return err
	}

	for _, ptr := range []resource.Pointer{
		configres.NewMachineConfig(nil).Metadata(),
		configres.NewMachineType().Metadata(),
	} {
		if err := st.Destroy(ctx, ptr); err != nil && !state.IsNotFoundError(err) {
			return err
		}
	}

	return nil
}

func publishStage(ctx context.Context, st state.State, stage runtime.MachineStage, unmet []runtime.UnmetCondition) error {
	status := runtime.NewMachineStatus()
	status.TypedSpec().Stage = stage
	status.TypedSpec().Status.Ready = len(unmet) == 0
	status.TypedSpec().Status.UnmetConditions = unmet

	return upsert(ctx, st, status)
}

func publishConfig(ctx context.Context, st state.State, cfg config.Provider) error {
	machineType := configres.NewMachineType()
	machineType.SetMachineType(cfg.Machine().Type())

	if err := upsert(ctx, st, machineType); err != nil {
		return err
	}

	if err := publishSystemDisk(ctx, st, cfg); err != nil {
		return err
	}

	return upsert(ctx, st, configres.NewMachineConfig(cfg))
}
