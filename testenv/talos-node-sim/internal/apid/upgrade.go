package apid

import (
	"context"

	"github.com/siderolabs/talos/pkg/machinery/api/common"
	"github.com/siderolabs/talos/pkg/machinery/api/machine"
	"google.golang.org/grpc"

	"cto/testenv/talos-node-sim/internal/node"
)

// Upgrade is the legacy MachineService.Upgrade, which talosctl uses against nodes older than 1.13.
func (s *machineService) Upgrade(ctx context.Context, in *machine.UpgradeRequest) (*machine.UpgradeResponse, error) {
	admin := isAdmin(ctx)
	msgs, err := each(ctx, s.router, func(n *node.Node) (*machine.Upgrade, error) { return n.Upgrade(in, admin) })

	return &machine.UpgradeResponse{Messages: msgs}, err
}

// EtcdSnapshot streams the node's etcd snapshot; talosctl allows a single node here.
func (s *machineService) EtcdSnapshot(_ *machine.EtcdSnapshotRequest, stream grpc.ServerStreamingServer[common.Data]) error {
	admin := isAdmin(stream.Context())

	return sendData(stream, s.router, func(n *node.Node) ([]byte, error) { return n.EtcdSnapshot(admin) })
}

// single resolves the one node a streaming call of talosctl's multiplexer targets (`node` metadata).
func single(ctx context.Context, r *Router, method string) (*node.Node, error) {
	_, targets, err := r.route(ctx)
	if err != nil {
		return nil, err
	}

	if len(targets) != 1 {
		return nil, unsupportedOneToMany(method)
	}

	return r.reach(targets[0])
}

// lifecycleService is the 1.13 LifecycleService: talosctl upgrade pulls the installer, runs it, then reboots.
type lifecycleService struct {
	machine.UnimplementedLifecycleServiceServer

	router *Router
}

func (s *lifecycleService) Upgrade(in *machine.LifecycleServiceUpgradeRequest, stream grpc.ServerStreamingServer[machine.LifecycleServiceUpgradeResponse]) error {
	n, err := single(stream.Context(), s.router, "/machine.LifecycleService/Upgrade")
	if err != nil {
		return err
	}

	image := in.GetSource().GetImageName()
	if err = n.LifecycleUpgrade(image, isAdmin(stream.Context())); err != nil {
		return err
	}

	for _, progress := range []*machine.LifecycleServiceInstallProgress{
		{Response: &machine.LifecycleServiceInstallProgress_Message{Message: "upgrading with installer " + image}},
		{Response: &machine.LifecycleServiceInstallProgress_ExitCode{ExitCode: 0}},
	} {
		if err = stream.Send(&machine.LifecycleServiceUpgradeResponse{Progress: progress}); err != nil {
			return err
		}
	}

	return nil
}

// imageService answers the installer pull that precedes a LifecycleService upgrade.
type imageService struct {
	machine.UnimplementedImageServiceServer

	router *Router
}

func (s *imageService) Pull(in *machine.ImageServicePullRequest, stream grpc.ServerStreamingServer[machine.ImageServicePullResponse]) error {
	if _, err := single(stream.Context(), s.router, "/machine.ImageService/Pull"); err != nil {
		return err
	}

	return stream.Send(&machine.ImageServicePullResponse{Response: &machine.ImageServicePullResponse_Name{Name: in.GetImageRef()}})
}
