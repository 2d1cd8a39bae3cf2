package apid

import (
	"context"

	"github.com/siderolabs/talos/pkg/machinery/api/common"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"cto/testenv/talos-node-sim/internal/node"
)

// collect runs call on every node the request targets and gathers the reply
// messages the way apid does: one-to-many replies carry metadata.hostname and
// turn a node's failure into a message with metadata.error (talosctl's
// FilterMessages reports those as "<node>: <error>").
func collect[M proto.Message](ctx context.Context, r *Router, call func(*node.Node) ([]M, error)) ([]M, error) {
	mode, targets, err := r.route(ctx)
	if err != nil {
		return nil, err
	}

	if mode != oneToMany {
		n, err := r.reach(targets[0])
		if err != nil {
			return nil, err
		}

		return call(n)
	}

	var out []M

	for _, target := range targets {
		msgs, err := reachAndCall(r, target, call)
		if err != nil {
			var failed M

			failed = failed.ProtoReflect().New().Interface().(M) //nolint:forcetypeassert // New() of M is an M
			setMetadata(failed, failure(target, err))
			out = append(out, failed)

			continue
		}

		for _, m := range msgs {
			setMetadata(m, &common.Metadata{Hostname: target})
		}

		out = append(out, msgs...)
	}

	return out, nil
}

func reachAndCall[M proto.Message](r *Router, target string, call func(*node.Node) ([]M, error)) ([]M, error) {
	n, err := r.reach(target)
	if err != nil {
		return nil, err
	}

	return call(n)
}

func failure(target string, err error) *common.Metadata {
	return &common.Metadata{Hostname: target, Error: err.Error(), Status: status.Convert(err).Proto()}
}

func setMetadata(m proto.Message, md *common.Metadata) {
	msg := m.ProtoReflect()
	msg.Set(msg.Descriptor().Fields().ByName("metadata"), protoreflect.ValueOfMessage(md.ProtoReflect()))
}
