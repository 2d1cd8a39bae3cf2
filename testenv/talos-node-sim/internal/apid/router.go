package apid

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"strconv"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"cto/testenv/talos-node-sim/internal/node"
)

// routing is how apid's director handles a call.
type routing int

const (
	local     routing = iota // no node metadata: answer ourselves
	oneToOne                 // "node": forward to one node, reply untouched
	oneToMany                // "nodes": forward to each, stamp replies with the node
)

// Router resolves the nodes a call targets, from the node it arrived on.
type Router struct {
	self  string
	fleet *node.Fleet
}

// NewRouter routes calls arriving at the node serving self.
func NewRouter(self string, fleet *node.Fleet) *Router { return &Router{self: self, fleet: fleet} }

func (r *Router) route(ctx context.Context) (routing, []string, error) {
	// in maintenance mode apid runs with node routing disabled: every call is local
	if origin := r.fleet.Get(r.self); origin == nil || origin.View().Mode == node.Maintenance {
		return local, []string{r.self}, nil
	}

	md, _ := metadata.FromIncomingContext(ctx)

	if nodes, ok := md["nodes"]; ok {
		return oneToMany, nodes, nil
	}

	if nodes, ok := md["node"]; ok {
		if len(nodes) != 1 {
			return oneToOne, nil, status.Error(codes.InvalidArgument, "node metadata must be single-valued")
		}

		return oneToOne, nodes, nil
	}

	return local, []string{r.self}, nil
}

// reach returns the node a target names, failing the way apid's own
// connection to it would: nothing there, or a certificate our CA did not issue.
func (r *Router) reach(target string) (*node.Node, error) {
	origin := r.fleet.Get(r.self)
	if origin == nil {
		return nil, status.Error(codes.Unavailable, "node is shutting down")
	}

	host := target
	if h, _, err := net.SplitHostPort(target); err == nil {
		host = h
	}

	if host == r.self {
		return origin, nil
	}

	dest := r.fleet.Get(host)
	if dest == nil || !dest.View().Reachable {
		return nil, status.Errorf(codes.Unavailable,
			"connection error: desc = \"transport: Error while dialing: dial tcp %s: connect: connection refused\"",
			net.JoinHostPort(host, strconv.Itoa(Port)))
	}

	ours, theirs := origin.MachineCA(), dest.MachineCA()
	if ours == nil || theirs == nil || !bytes.Equal(ours, theirs) {
		return nil, status.Error(codes.Unavailable,
			"connection error: desc = \"transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority\"")
	}

	return dest, nil
}

func unsupportedOneToMany(method string) error {
	return status.Error(codes.InvalidArgument, fmt.Sprintf("one-2-many proxying is not supported for method %s", method))
}
