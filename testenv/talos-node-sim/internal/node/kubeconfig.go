package node

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Kubeconfig returns the admin kubeconfig wrapped in .tar.gz, as machined
// does to match its Copy protocol (talosctl unpacks it).
func (n *Node) Kubeconfig(admin bool) ([]byte, error) {
	n.mu.Lock()
	defer n.mu.Unlock()

	if !admin {
		return nil, errNotAuthorized
	}

	if !n.isControlPlaneLocked() {
		return nil, status.Error(codes.Unimplemented, "kubeconfig is only available on control plane nodes")
	}

	if n.fleet.admin == nil {
		return nil, errors.New("simulator started without --kubeconfig")
	}

	kubeconfig, err := n.fleet.admin.KubeconfigFor(n.active.Cluster().Name())
	if err != nil {
		return nil, err
	}

	var buf bytes.Buffer

	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)

	if err = tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: "kubeconfig", Size: int64(len(kubeconfig)), ModTime: time.Now(), Mode: 0o600}); err != nil {
		return nil, err
	}

	if _, err = tw.Write(kubeconfig); err != nil {
		return nil, err
	}

	if err = tw.Close(); err != nil {
		return nil, err
	}

	if err = zw.Close(); err != nil {
		return nil, err
	}

	return buf.Bytes(), nil
}
