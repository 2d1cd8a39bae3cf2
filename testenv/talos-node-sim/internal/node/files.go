package node

import (
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// bootIDPath is the one file talosctl reads itself: its reboot tracker compares boot IDs.
const bootIDPath = "/proc/sys/kernel/random/boot_id"

// Read serves `talosctl read` for the files the simulator has.
func (n *Node) Read(path string, admin bool) ([]byte, error) {
	n.mu.Lock()
	defer n.mu.Unlock()

	if !admin {
		return nil, errNotAuthorized
	}

	if path != bootIDPath {
		return nil, status.Errorf(codes.NotFound, "simulated node has no file %q (only %s)", path, bootIDPath)
	}

	return []byte(n.bootID + "\n"), nil
}
