package apid

import (
	"context"
	"fmt"
	"strings"

	cosiapi "github.com/cosi-project/runtime/api/v1alpha1"
	"github.com/cosi-project/runtime/pkg/resource"
	"github.com/cosi-project/runtime/pkg/resource/meta"
	"github.com/cosi-project/runtime/pkg/safe"
	"github.com/cosi-project/runtime/pkg/state"
	"github.com/cosi-project/runtime/pkg/state/protobuf/server"
	"github.com/siderolabs/talos/pkg/machinery/role"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cto/testenv/talos-node-sim/internal/node"
)

// stateService is the COSI resource API (`talosctl get`): talosctl sends each
// call to one node ("node" metadata), so there is no aggregation here.
type stateService struct {
	cosiapi.UnimplementedStateServer

	router *Router
}

// backend returns the target node's state behind machined's access policy.
func (s *stateService) backend(ctx context.Context, method string) (*server.State, error) {
	mode, targets, err := s.router.route(ctx)
	if err != nil {
		return nil, err
	}

	if mode == oneToMany {
		return nil, unsupportedOneToMany(method)
	}

	n, err := s.router.reach(targets[0])
	if err != nil {
		return nil, err
	}

	return server.NewState(state.Filter(n.Resources(), accessPolicy(n, rolesOf(ctx)))), nil
}

func (s *stateService) Get(ctx context.Context, in *cosiapi.GetRequest) (*cosiapi.GetResponse, error) {
	backend, err := s.backend(ctx, "/cosi.resource.State/Get")
	if err != nil {
		return nil, err
	}

	return backend.Get(ctx, in)
}

func (s *stateService) List(in *cosiapi.ListRequest, stream grpc.ServerStreamingServer[cosiapi.ListResponse]) error {
	backend, err := s.backend(stream.Context(), "/cosi.resource.State/List")
	if err != nil {
		return err
	}

	return backend.List(in, stream)
}

func (s *stateService) Watch(in *cosiapi.WatchRequest, stream grpc.ServerStreamingServer[cosiapi.WatchResponse]) error {
	backend, err := s.backend(stream.Context(), "/cosi.resource.State/Watch")
	if err != nil {
		return err
	}

	return backend.Watch(in, stream)
}

// accessPolicy is machined's rule: read-only; sensitive resources (the machine
// config) need the admin role, which a maintenance connection never has.
func accessPolicy(n *node.Node, roles role.Set) state.FilteringRule {
	return func(ctx context.Context, access state.Access) error {
		if !access.Verb.Readonly() {
			return status.Error(codes.PermissionDenied, "write access is not allowed")
		}

		rd, err := safe.StateGet[*meta.ResourceDefinition](ctx, n.Resources(),
			resource.NewMetadata(meta.NamespaceName, meta.ResourceDefinitionType, strings.ToLower(access.ResourceType), resource.VersionUndefined))
		if err != nil {
			if state.IsNotFoundError(err) {
				return status.Error(codes.PermissionDenied, fmt.Sprintf("resource type %q is not supported", access.ResourceType))
			}

			return err
		}

		if rd.TypedSpec().Sensitivity == meta.Sensitive && !roles.Includes(role.Admin) {
			return status.Error(codes.PermissionDenied, "not authorized")
		}

		return nil
	}
}
