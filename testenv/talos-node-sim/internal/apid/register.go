package apid

import (
	cosiapi "github.com/cosi-project/runtime/api/v1alpha1"
	"github.com/siderolabs/talos/pkg/machinery/api/machine"
	"google.golang.org/grpc"

	"cto/testenv/talos-node-sim/internal/node"
)

// Services returns the registration function for the node serving address.
func Services(address string, fleet *node.Fleet) func(*grpc.Server) {
	router := NewRouter(address, fleet)

	return func(s *grpc.Server) {
		machine.RegisterMachineServiceServer(s, &machineService{router: router})
		cosiapi.RegisterStateServer(s, &stateService{router: router})
		machine.RegisterLifecycleServiceServer(s, &lifecycleService{router: router})
		machine.RegisterImageServiceServer(s, &imageService{router: router})
	}
}
