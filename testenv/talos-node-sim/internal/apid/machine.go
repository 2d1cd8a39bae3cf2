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

// each runs call once per target node and gathers the (stamped) replies.
func each[M proto.Message](ctx context.Context, r *Router, call func(*node.Node) (M, error)) ([]M, error) {
	return collect(ctx, r, func(n *node.Node) ([]M, error) {
		m, err := call(n)
		if err != nil {
			return nil, err
		}

		return []M{m}, nil
	})
}

// sendData streams each target's bytes as common.Data, like machined's file-like APIs.
func sendData(stream grpc.ServerStreamingServer[common.Data], r *Router, call func(*node.Node) ([]byte, error)) error {
	chunks, err := each(stream.Context(), r, func(n *node.Node) (*common.Data, error) {
		raw, err := call(n)
		if err != nil {
			return nil, err
		}

		return &common.Data{Bytes: raw}, nil
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

func (s *machineService) ApplyConfiguration(ctx context.Context, in *machine.ApplyConfigurationRequest) (*machine.ApplyConfigurationResponse, error) {
	admin := isAdmin(ctx)
	msgs, err := each(ctx, s.router, func(n *node.Node) (*machine.ApplyConfiguration, error) { return n.ApplyConfiguration(ctx, in, admin) })

	return &machine.ApplyConfigurationResponse{Messages: msgs}, err
}

func (s *machineService) Bootstrap(ctx context.Context, _ *machine.BootstrapRequest) (*machine.BootstrapResponse, error) {
	admin := isAdmin(ctx)
	msgs, err := each(ctx, s.router, func(n *node.Node) (*machine.Bootstrap, error) { return n.Bootstrap(admin) })

	return &machine.BootstrapResponse{Messages: msgs}, err
}

func (s *machineService) Version(ctx context.Context, _ *emptypb.Empty) (*machine.VersionResponse, error) {
	msgs, err := each(ctx, s.router, (*node.Node).Version)

	return &machine.VersionResponse{Messages: msgs}, err
}

func (s *machineService) ServiceList(ctx context.Context, _ *emptypb.Empty) (*machine.ServiceListResponse, error) {
	msgs, err := each(ctx, s.router, (*node.Node).ServiceList)

	return &machine.ServiceListResponse{Messages: msgs}, err
}

func (s *machineService) Reset(ctx context.Context, in *machine.ResetRequest) (*machine.ResetResponse, error) {
	admin := isAdmin(ctx)
	msgs, err := each(ctx, s.router, func(n *node.Node) (*machine.Reset, error) { return n.Reset(in, admin) })

	return &machine.ResetResponse{Messages: msgs}, err
}

func (s *machineService) EtcdMemberList(ctx context.Context, in *machine.EtcdMemberListRequest) (*machine.EtcdMemberListResponse, error) {
	admin := isAdmin(ctx)
	msgs, err := each(ctx, s.router, func(n *node.Node) (*machine.EtcdMembers, error) { return n.EtcdMemberList(in, admin) })

	return &machine.EtcdMemberListResponse{Messages: msgs}, err
}

func (s *machineService) EtcdLeaveCluster(ctx context.Context, _ *machine.EtcdLeaveClusterRequest) (*machine.EtcdLeaveClusterResponse, error) {
	admin := isAdmin(ctx)
	msgs, err := each(ctx, s.router, func(n *node.Node) (*machine.EtcdLeaveCluster, error) { return n.EtcdLeaveCluster(admin) })

	return &machine.EtcdLeaveClusterResponse{Messages: msgs}, err
}

func (s *machineService) EtcdRemoveMemberByID(ctx context.Context, in *machine.EtcdRemoveMemberByIDRequest) (*machine.EtcdRemoveMemberByIDResponse, error) {
	admin := isAdmin(ctx)
	msgs, err := each(ctx, s.router, func(n *node.Node) (*machine.EtcdRemoveMemberByID, error) { return n.EtcdRemoveMemberByID(in, admin) })

	return &machine.EtcdRemoveMemberByIDResponse{Messages: msgs}, err
}

func (s *machineService) Reboot(ctx context.Context, _ *machine.RebootRequest) (*machine.RebootResponse, error) {
	admin := isAdmin(ctx)
	msgs, err := each(ctx, s.router, func(n *node.Node) (*machine.Reboot, error) { return n.RebootRequested(admin) })

	return &machine.RebootResponse{Messages: msgs}, err
}

// Kubeconfig streams the tar.gz like machined; talosctl allows a single node here.
func (s *machineService) Kubeconfig(_ *emptypb.Empty, stream grpc.ServerStreamingServer[common.Data]) error {
	admin := isAdmin(stream.Context())

	return sendData(stream, s.router, func(n *node.Node) ([]byte, error) { return n.Kubeconfig(admin) })
}

func (s *machineService) Read(in *machine.ReadRequest, stream grpc.ServerStreamingServer[common.Data]) error {
	admin := isAdmin(stream.Context())

	return sendData(stream, s.router, func(n *node.Node) ([]byte, error) { return n.Read(in.GetPath(), admin) })
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
