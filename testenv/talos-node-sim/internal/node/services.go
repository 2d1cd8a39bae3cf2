package node

import (
	"fmt"
	"strings"
	"time"

	"github.com/siderolabs/talos/pkg/machinery/api/machine"
	"github.com/siderolabs/talos/pkg/machinery/resources/runtime"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// serviceState is one machined service as ServiceRunner reports it (Talos
// internal/app/machined/pkg/system/service_runner.go): its state, its last event and its health.
type serviceState struct {
	id      string
	state   string // Waiting, Preparing, Running, Finished
	message string
	healthy bool // running and its health check passes (services without one count as healthy)
}

// up is ServiceRunner.inStateLocked(StateEventUp): finished, or running and healthy.
func (s serviceState) up() bool {
	return s.state == "Finished" || (s.state == "Running" && s.healthy)
}

// waitingForCRI is how ServiceRunner.waitFor reports a service whose dependency is not up yet
// (serviceCondition.String in system/service_events.go): etcd and the kubelet depend on "cri".
const waitingForCRI = `Waiting for service "cri" to be "up"`

// servicesLocked is the configured node's services: those StartAllServices
// (v1alpha1_sequencer_tasks.go) loads — cri, kubelet, and on control planes trustd and etcd —
// beside the ones machined runs from the start.
func (n *Node) servicesLocked() []serviceState {
	running := func(id string) serviceState { return serviceState{id, "Running", "Health check successful", true} }
	after := func(id string) serviceState {
		if n.criUp {
			return running(id)
		}

		return serviceState{id, "Waiting", waitingForCRI, false}
	}

	services := []serviceState{running("apid"), running("containerd"), running("machined")}
	if n.mode != Configured {
		return services
	}

	if n.criUp {
		services = append(services, running("cri"))
	} else {
		// cri.go Condition: the network must be ready (and its volumes mounted) first
		services = append(services, serviceState{"cri", "Waiting", "Waiting for network", false})
	}

	if n.isControlPlaneLocked() {
		services = append(services, n.etcdServiceLocked(), running("trustd"))
	}

	return append(services, after("kubelet"))
}

// etcdServiceLocked is the etcd service (system/services/etcd.go). With an empty data directory
// its PreFunc loops in buildInitialCluster ("etcd is waiting to join the cluster…", a log line,
// not an event) until a member joins or `talosctl bootstrap` replaces it: state Preparing.
func (n *Node) etcdServiceLocked() serviceState {
	switch {
	case !n.criUp:
		return serviceState{"etcd", "Waiting", waitingForCRI, false}
	case n.etcdLeft:
		// `talosctl etcd leave` stops the service (Talos' integration test expects "Finished")
		return serviceState{"etcd", "Finished", "Service finished successfully", false}
	case n.etcdRunningLocked():
		// the health check is etcd's ValidateQuorum
		if n.etcdQuorumLocked() {
			return serviceState{"etcd", "Running", "Health check successful", true}
		}

		return serviceState{"etcd", "Running", "Health check failed: " + errEtcdNoLeader.Error(), false}
	default:
		return serviceState{"etcd", "Preparing", "Running pre state", false}
	}
}

// servicesUpLocked is StartAllServices' condition: every loaded service up.
func (n *Node) servicesUpLocked() bool {
	for _, s := range n.servicesLocked() {
		if !s.up() {
			return false
		}
	}

	return true
}

// unmetConditionsLocked is MachineStatusController's readiness (controllers/runtime/machine_status.go
// getReadinessChecks): in stage booting or running, every service running and healthy and the
// Node Ready; no checks in any other stage. Time, network and static pods are always fine here.
func (n *Node) unmetConditionsLocked() []runtime.UnmetCondition {
	if n.stage != runtime.MachineStageBooting && n.stage != runtime.MachineStageRunning {
		return nil
	}

	var problems []string

	for _, s := range n.servicesLocked() {
		switch {
		case s.state != "Running":
			problems = append(problems, s.id+" not running")
		case !s.healthy:
			problems = append(problems, s.id+" not healthy")
		}
	}

	var unmet []runtime.UnmetCondition
	if len(problems) > 0 {
		unmet = append(unmet, runtime.UnmetCondition{Name: "services", Reason: strings.Join(problems, ", ")})
	}

	if !n.registered {
		unmet = append(unmet, runtime.UnmetCondition{Name: "nodeReady", Reason: fmt.Sprintf("node %q status is not available yet", n.nodeNameLocked())})
	}

	return unmet
}

// ServiceList reports machined's services the way `talosctl service` reads them.
func (n *Node) ServiceList() (*machine.ServiceList, error) {
	n.mu.Lock()
	defer n.mu.Unlock()

	since := timestamppb.New(n.bootAt)
	list := &machine.ServiceList{}

	for _, s := range n.servicesLocked() {
		list.Services = append(list.Services, serviceInfo(s, since))
	}

	return list, nil
}

// serviceInfo is ServiceRunner.AsProto: health is unknown until a running service was checked.
func serviceInfo(s serviceState, since *timestamppb.Timestamp) *machine.ServiceInfo {
	health := &machine.ServiceHealth{Unknown: s.state != "Running", Healthy: s.healthy}
	if s.state == "Running" {
		health.LastChange = timestamppb.New(since.AsTime().Add(time.Second))
		if !s.healthy {
			health.LastMessage = strings.TrimPrefix(s.message, "Health check failed: ")
		}
	}

	return &machine.ServiceInfo{
		Id:     s.id,
		State:  s.state,
		Events: &machine.ServiceEvents{Events: []*machine.ServiceEvent{{Msg: s.message, State: s.state, Ts: since}}},
		Health: health,
	}
}
