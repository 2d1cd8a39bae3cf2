package node

import (
	goruntime "runtime"

	"github.com/siderolabs/talos/pkg/machinery/api/machine"
	"github.com/siderolabs/talos/pkg/machinery/version"
)

// Version reports the Talos release the node booted (machined reports its own build: version.NewVersion);
// in maintenance, before any install, the machinery module's release.
func (n *Node) Version() (*machine.Version, error) {
	n.mu.Lock()
	defer n.mu.Unlock()

	tag := n.runningTagLocked()
	if tag == "" {
		tag = version.Tag
	}

	return &machine.Version{
		Version: &machine.VersionInfo{
			Tag:       tag,
			Sha:       version.SHA,
			GoVersion: goruntime.Version(),
			Os:        goruntime.GOOS,
			Arch:      goruntime.GOARCH,
		},
		Platform: &machine.PlatformInfo{Name: "metal", Mode: "metal"},
		Features: &machine.FeaturesInfo{Rbac: true},
	}, nil
}
