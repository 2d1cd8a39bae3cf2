package apid

import (
	"context"

	"github.com/siderolabs/talos/pkg/machinery/api/common"
	"github.com/siderolabs/talos/pkg/machinery/api/machine"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/emptypb"

	"cto/testenv/talos-node-sim/internal/node"
)

// machineService is the subset of machine.MachineService the cto flow uses;
// the rest answers Unimplemented, as an unknown API would.
type machineService struct {
	machine.UnimplementedMachineServiceServer

	router *Router
}

func (s *machineService) ApplyConfiguration(ctx context.Context, in *machine.ApplyConfigurationRequest) (*machine.ApplyConfigurationResponse, error) {
	admin := isAdmin(ctx)
	msgs, err := collect(ctx, s.router, func(n *node.Node) ([]*machine.ApplyConfiguration, error) {
		resp, err := n.ApplyConfiguration(ctx, in, admin)
		if err != nil {
			return nil, err
		}

		return resp.Messages, nil
	})
	if err != nil {
		return nil, err
	}

	return &machine.ApplyConfigurationResponse{Messages: msgs}, nil
}

func (s *machineService) Bootstrap(ctx context.Context, _ *machine.BootstrapRequest) (*machine.BootstrapResponse, error) {
	admin := isAdmin(ctx)
	msgs, err := collect(ctx, s.router, func(n *node.Node) ([]*machine.Bootstrap, error) {
		if err := n.Bootstrap(admin); err != nil {
			return nil, err
		}

		return []*machine.Bootstrap{{}}, nil
	})
	if err != nil {
		return nil, err
	}

	return &machine.BootstrapResponse{Messages: msgs}, nil
}

func (s *machineService) Version(ctx context.Context, _ *emptypb.Empty) (*machine.VersionResponse, error) {
	msgs, err := collect(ctx, s.router, func(n *node.Node) ([]*machine.Version, error) {
		v, err := n.Version()
		if err != nil {
			return nil, err
		}

		return []*machine.Version{v}, nil
	})
	if err != nil {
		return nil, err
	}

	return &machine.VersionResponse{Messages: msgs}, nil
}

func (s *machineService) ServiceList(ctx context.Context, _ *emptypb.Empty) (*machine.ServiceListResponse, error) {
	msgs, err := collect(ctx, s.router, func(n *node.Node) ([]*machine.ServiceList, error) {
		services, err := n.ServiceList()
		if err != nil {
			return nil, err
		}

		return []*machine.ServiceList{{Services: services}}, nil
	})
	if err != nil {
		return nil, err
	}

	return &machine.ServiceListResponse{Messages: msgs}, nil
}

func (s *machineService) Reset(ctx context.Context, in *machine.ResetRequest) (*machine.ResetResponse, error) {
	admin := isAdmin(ctx)
	msgs, err := collect(ctx, s.router, func(n *node.Node) ([]*machine.Reset, error) {
		reset, err := n.Reset(in, admin)
		if err != nil {
			return nil, err
		}

		return []*machine.Reset{reset}, nil
	})
	if err != nil {
		return nil, err
	}

	return &machine.ResetResponse{Messages: msgs}, nil
}

// Kubeconfig streams the tar.gz like machined; talosctl allows a single node here.
func (s *machineService) Kubeconfig(_ *emptypb.Empty, stream grpc.ServerStreamingServer[common.Data]) error {
	ctx := stream.Context()
	admin := isAdmin(ctx)

	chunks, err := collect(ctx, s.router, func(n *node.Node) ([]*common.Data, error) {
		raw, err := n.Kubeconfig(admin)
		if err != nil {
			return nil, err
		}

		return []*common.Data{{Bytes: raw}}, nil
	})
	if err != nil {
		return err
	}

	for _, chunk := range chunks {
		if err = stream.Send(chunk); err != nil {
			return err
		}
	}

	return nil
}

func (s *machineService) Reboot(ctx context.Context, _ *machine.RebootRequest) (*machine.RebootResponse, error) {
	admin := isAdmin(ctx)
	msgs, err := collect(ctx, s.router, func(n *node.Node) ([]*machine.Reboot, error) {
		reboot, err := n.RebootRequested(admin)
		if err != nil {
			return nil, err
		}

		return []*machine.Reboot{reboot}, nil
	})
	if err != nil {
		return nil, err
	}

	return &machine.RebootResponse{Messages: msgs}, nil
}

// Events streams a node's runtime events after a hello event, as machined
// does; talosctl's --wait trackers for reset and reboot read them.
func (s *machineService) Events(in *machine.EventsRequest, stream grpc.ServerStreamingServer[machine.Event]) error {
	ctx := stream.Context()

	mode, targets, err := s.router.route(ctx)
	if err != nil {
		return err
	}

	if len(targets) != 1 {
		return unsupportedOneToMany("/machine.MachineService/Events")
	}

	var md *common.Metadata
	if mode == oneToMany {
		md = &common.Metadata{Hostname: targets[0]}
	}

	n, err := s.router.reach(targets[0])
	if err != nil {
		if md != nil {
			return stream.Send(&machine.Event{Metadata: failure(targets[0], err)})
		}

		return err
	}

	sub := n.Subscribe(in.TailEvents)
	defer sub.Cancel()

	if err = stream.Send(&machine.Event{Metadata: md, ActorId: in.WithActorId}); err != nil {
		return err
	}

	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case event := <-sub.Events:
			if in.WithActorId != "" && event.ActorId != in.WithActorId {
				continue
			}

			out := proto.CloneOf(event)
			out.Metadata = md

			if err = stream.Send(out); err != nil {
				return err
			}
		}
	}
}

func (s *machineService) Read(in *machine.ReadRequest, stream grpc.ServerStreamingServer[common.Data]) error {
	ctx := stream.Context()
	admin := isAdmin(ctx)

	chunks, err := collect(ctx, s.router, func(n *node.Node) ([]*common.Data, error) {
		content, err := n.Read(in.GetPath(), admin)
		if err != nil {
			return nil, err
		}

		return []*common.Data{{Bytes: content}}, nil
	})
	if err != nil {
		return err
	}

	for _, chunk := range chunks {
		if err = stream.Send(chunk); err != nil {
			return err
		}
	}

	return nil
}
