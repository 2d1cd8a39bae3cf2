package node

import (
	goruntime "runtime"

	"github.com/siderolabs/talos/pkg/machinery/api/machine"
	"github.com/siderolabs/talos/pkg/machinery/version"
)

// Version reports the Talos release the machinery module was cut from.
func (n *Node) Version() (*machine.Version, error) {
	n.mu.Lock()
	defer n.mu.Unlock()

	return &machine.Version{
		Version: &machine.VersionInfo{
			Tag:       version.Tag,
			Sha:       version.SHA,
			GoVersion: goruntime.Version(),
			Os:        goruntime.GOOS,
			Arch:      goruntime.GOARCH,
		},
		Platform: &machine.PlatformInfo{Name: "metal", Mode: "metal"},
		Features: &machine.FeaturesInfo{Rbac: true},
	}, nil
}
