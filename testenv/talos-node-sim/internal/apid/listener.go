// Package apid is the network side of a simulated node, like Talos' apid:
// TLS on <address>:50000, routing by the nodes/node metadata talosctl sends,
// and one-to-many aggregation that stamps each reply with its node.
package apid

import (
	"crypto/tls"
	"net"
	"strconv"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/keepalive"
)

// Port is the Talos API port (constants.ApidPort).
const Port = 50000

// Listener serves one node's API; it implements node.Transport.
type Listener struct {
	address  string
	register func(*grpc.Server)

	mu     sync.Mutex
	server *grpc.Server
}

// NewListener creates a stopped listener for address; register installs the services on each new server.
func NewListener(address string, register func(*grpc.Server)) *Listener {
	return &Listener{address: address, register: register}
}

// Up starts a fresh gRPC server with the given TLS settings (a reboot changes them).
func (l *Listener) Up(cfg *tls.Config) error {
	l.mu.Lock()
	defer l.mu.Unlock()

	l.stopLocked()

	lis, err := net.Listen("tcp", net.JoinHostPort(l.address, strconv.Itoa(Port)))
	if err != nil {
		return err
	}

	server := grpc.NewServer(
		grpc.Creds(credentials.NewTLS(cfg)),
		// talosctl keeps long event watches alive with pings, as apid allows
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: 5 * time.Second, PermitWithoutStream: true}),
	)
	l.register(server)
	l.server = server

	go server.Serve(lis) //nolint:errcheck // Serve returns when Down stops the server

	return nil
}

// Down closes the port and every open connection: clients see connection refused.
func (l *Listener) Down() {
	l.mu.Lock()
	defer l.mu.Unlock()

	l.stopLocked()
}

func (l *Listener) stopLocked() {
	if l.server != nil {
		l.server.Stop()
		l.server = nil
	}
}
