package node

import (
	"context"

	"github.com/cosi-project/runtime/pkg/state"
	"github.com/siderolabs/talos/pkg/machinery/extensions"
	"github.com/siderolabs/talos/pkg/machinery/resources/runtime"
)

// schematicExtensionID is the resource id of the schematic's extension layer.
const schematicExtensionID = "schematic"

// publishSchematic publishes the extensions a booted image carries (`talosctl get extensions`): an
// Image Factory image carries a layer named "schematic" whose version is the schematic ID (as Talos'
// own node label test models it: machined/pkg/controllers/k8s/node_label_spec_test.go
// TestExtensionLabels); an image from elsewhere carries none.
func publishSchematic(ctx context.Context, st state.State, schematic string) error {
	status := runtime.NewExtensionStatus(runtime.NamespaceName, schematicExtensionID)

	if schematic == "" {
		if err := st.Destroy(ctx, status.Metadata()); err != nil && !state.IsNotFoundError(err) {
			return err
		}

		return nil
	}

	status.TypedSpec().Image = schematicExtensionID + ".sqsh"
	status.TypedSpec().Metadata = extensions.Metadata{Name: "schematic", Version: schematic, Description: "Image Factory schematic"}

	return upsert(ctx, st, status)
}
