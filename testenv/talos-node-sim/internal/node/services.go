package node

import (
	"time"

	"github.com/siderolabs/talos/pkg/machinery/api/machine"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// ServiceList reports machined's services the way `talosctl service` reads them.
func (n *Node) ServiceList() (*machine.ServiceList, error) {
	n.mu.Lock()
	defer n.mu.Unlock()

	since := timestamppb.New(n.bootAt)
	running := func(id string) *machine.ServiceInfo {
		return service(id, "Running", "Health check successful", true, since)
	}

	services := []*machine.ServiceInfo{running("apid"), running("containerd"), running("cri"), running("machined")}

	if n.isControlPlaneLocked() {
		switch {
		case n.etcdRunningLocked():
			services = append(services, running("etcd"))
		case n.etcdLeft:
			// `talosctl etcd leave` stops the service (Talos' integration test expects "Finished")
			services = append(services, service("etcd", "Finished", "Service finished successfully", false, since))
		default:
			services = append(services, service("etcd", "Preparing",
				"etcd is waiting to join the cluster, if this node is the first node in the cluster, please run `talosctl bootstrap` against one of the following IPs:", false, since))
		}

		services = append(services, running("trustd"))
	}

	if n.mode == Configured {
		services = append(services, running("kubelet"))
	}

	return &machine.ServiceList{Services: services}, nil
}

func service(id, state, message string, healthy bool, since *timestamppb.Timestamp) *machine.ServiceInfo {
	return &machine.ServiceInfo{
		Id:    id,
		State: state,
		Events: &machine.ServiceEvents{Events: []*machine.ServiceEvent{
			{Msg: message, State: state, Ts: since},
		}},
		Health: &machine.ServiceHealth{
			Unknown:     !healthy,
			Healthy:     healthy,
			LastMessage: "",
			LastChange:  timestamppb.New(since.AsTime().Add(time.Second)),
		},
	}
}
