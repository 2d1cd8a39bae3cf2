// Package node is one simulated Talos machine: its lifecycle (maintenance →
// install → configured), the API semantics machined implements, and the
// resources talosctl reads. Transport (TLS, gRPC routing) lives in apid.
package node

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log"
	"sync"
	"time"

	"github.com/cosi-project/runtime/pkg/state"
	"github.com/google/uuid"
	"github.com/siderolabs/talos/pkg/machinery/api/machine"
	"github.com/siderolabs/talos/pkg/machinery/config"
	etcdres "github.com/siderolabs/talos/pkg/machinery/resources/etcd"
	"github.com/siderolabs/talos/pkg/machinery/resources/runtime"

	"cto/testenv/talos-node-sim/internal/timing"
)

// Mode is which API the node serves.
type Mode string

// Modes a node's API can be in.
const (
	Maintenance Mode = "maintenance"
	Configured  Mode = "configured"
)

// Spec is what the machine is: its address, given name and disks.
type Spec struct {
	Address  string   `json:"address"`
	Hostname string   `json:"hostname"`
	Disks    []string `json:"disks"`
	// Links are the machine's physical network links, the public address on the first (DefaultLinks when empty).
	Links []string `json:"links,omitempty"`
}

// Transport serves the node's API on its address.
type Transport interface {
	// Up starts answering with the given TLS settings.
	Up(cfg *tls.Config) error
	// Down refuses connections and drops open ones (a powered-off machine).
	Down()
}

// View is the node's state as the control API reports it.
type View struct {
	Spec
	Mode           Mode   `json:"mode"`
	Stage          string `json:"stage"`
	Reachable      bool   `json:"reachable"`
	Role           string `json:"role,omitempty"`
	NodeName       string `json:"nodeName"`
	Bootstrapped   bool   `json:"bootstrapped"`
	BootstrapCalls int    `json:"bootstrapCalls"`
	AppliedConfigs int    `json:"appliedConfigs"`
	EtcdRunning    bool   `json:"etcdRunning"`
	// Ready is MachineStatus' ready flag (machined's readiness checks), as `talosctl get machinestatus` shows it.
	Ready bool `json:"ready"`
	EtcdMemberID   string `json:"etcdMemberId,omitempty"`
	OS             OSView `json:"os"`
}

// Node is one simulated machine. All fields are guarded by mu.
type Node struct {
	spec      Spec
	scale     timing.Scale
	transport Transport
	fleet     *Fleet
	resources state.State

	mu             sync.Mutex
	generation     int // bumped by every power transition; stale timers compare and give up
	reachable      bool
	mode           Mode
	stage          runtime.MachineStage
	active         config.Provider // the config the running system uses
	persisted      config.Provider // the config the next boot uses (differs when staged)
	bootAt         time.Time
	bootID         string
	criUp          bool // this boot's CRI is up: bootstrap is allowed, etcd and the kubelet may start
	registered     bool // the kubelet has registered this boot's Node (kwok then marks it Ready)
	ready          bool   // the last published MachineStatus ready flag
	published      string // the last published MachineStatus, to publish changes only
	bootstrapped   bool
	bootstrapCalls int
	etcdMemberID   uint64 // this node's etcd member while its data directory holds one
	etcdLeft       bool   // left etcd: its service is finished until the next boot
	appliedConfigs int
	rebootPending  bool
	events         []*machine.Event
	subscribers    map[chan *machine.Event]struct{}
	os             osImage // the Talos images on its disk (upgrade.go)
	etcdSnapshots  int     // etcd snapshots streamed (etcd_snapshot.go)
}

func newNode(ctx context.Context, spec Spec, scale timing.Scale, transport Transport, fleet *Fleet) (*Node, error) {
	resources, err := newResourceState(ctx)
	if err != nil {
		return nil, err
	}

	if err = publishDisks(ctx, resources, spec.Address, spec.Disks); err != nil {
		return nil, err
	}

	if err = publishLinks(ctx, resources, spec.Address, spec.Links); err != nil {
		return nil, err
	}

	return &Node{spec: spec, scale: scale, transport: transport, fleet: fleet, resources: resources, mode: Maintenance, subscribers: map[chan *machine.Event]struct{}{}}, nil
}

// Resources is the node's COSI state (what `talosctl get` reads).
func (n *Node) Resources() state.State { return n.resources }

// View reports the node's current state.
func (n *Node) View() View {
	n.mu.Lock()
	defer n.mu.Unlock()

	v := View{
		Spec:           n.spec,
		Mode:           n.mode,
		Stage:          n.stage.String(),
		Reachable:      n.reachable,
		NodeName:       n.nodeNameLocked(),
		Bootstrapped:   n.bootstrapped,
		BootstrapCalls: n.bootstrapCalls,
		AppliedConfigs: n.appliedConfigs,
		EtcdRunning:    n.etcdRunningLocked(),
		Ready:          n.ready,
	}

	if n.active != nil {
		v.Role = n.active.Machine().Type().String()
	}

	v.OS = n.osViewLocked()

	if n.etcdMemberID != 0 {
		v.EtcdMemberID = etcdres.FormatMemberID(n.etcdMemberID)
	}

	return v
}

// boot powers the node on into the mode its persisted config implies.
func (n *Node) boot() error {
	n.mu.Lock()
	defer n.mu.Unlock()

	return n.bootLocked()
}

// bootLocked returns why the API could not be served (it is also logged, for boots after a reboot).
func (n *Node) bootLocked() error {
	ctx := context.Background()

	n.generation++
	n.active = n.persisted
	n.bootOSLocked()
	n.events = nil // a boot starts a fresh machined, with no event history
	n.bootAt = time.Now()
	n.bootID = uuid.New().String()
	n.rebootPending = false
	n.etcdLeft = false
	n.criUp = false
	n.registered = false
	n.published = ""

	if n.active == nil {
		n.mode = Maintenance
		n.stage = runtime.MachineStageMaintenance
	} else {
		// the boot sequence ends with StartAllServices, which waits for every service to be up:
		// the stage stays booting until then (see servicesUpLocked)
		n.mode = Configured
		n.stage = runtime.MachineStageBooting

		if err := publishConfig(ctx, n.resources, n.active); err != nil {
			log.Printf("%s: publish config: %v", n.spec.Address, err)
		}

		n.after(n.scale.CRIUp(), func() {
			n.criUp = true
			n.fleet.nodeConfigured(n)
			n.publishStageLocked()
		})
	}

	n.publishStageLocked()

	tlsConfig, err := n.tlsConfigLocked()
	if errors.Is(err, errNoIssuer) {
		n.after(issuerRetry, func() { n.bootLocked() }) //nolint:errcheck // logged

		return nil
	}

	if err == nil {
		err = n.transport.Up(tlsConfig)
	}

	if err != nil {
		log.Printf("%s: cannot serve the API: %v", n.spec.Address, err)

		return err
	}

	n.reachable = true

	if n.mode == Configured {
		n.fleet.nodeConfigured(n)
	}

	return nil
}

// phase is a stretch of time the machine spends unreachable in one stage.
type phase struct {
	stage runtime.MachineStage
	for_  time.Duration
}

// powerCycleLocked answers the current call, then takes the API down through
// the phases and boots; beforeDown and beforeBoot (either may be nil) run locked.
func (n *Node) powerCycleLocked(phases []phase, beforeDown, beforeBoot func()) {
	n.generation++
	gen := n.generation

	time.AfterFunc(n.scale.Handoff(), func() {
		n.mu.Lock()
		defer n.mu.Unlock()

		if gen != n.generation {
			return
		}

		if beforeDown == nil {
			n.goDownLocked(phases, beforeBoot)

			return
		}

		beforeDown()
		// let event streams deliver what beforeDown reported before the connections drop
		n.after(eventFlush, func() { n.goDownLocked(phases, beforeBoot) })
	})
}

// eventFlush is how long the API stays up after the last events of a shutdown.
const eventFlush = 100 * time.Millisecond

func (n *Node) goDownLocked(phases []phase, beforeBoot func()) {
	n.stopEtcdLocked()
	n.transport.Down()
	n.reachable = false
	n.runPhasesLocked(phases, beforeBoot)
}

func (n *Node) runPhasesLocked(phases []phase, beforeBoot func()) {
	if len(phases) == 0 {
		if beforeBoot != nil {
			beforeBoot()
		}

		n.bootLocked() //nolint:errcheck // logged

		return
	}

	n.setStageLocked(phases[0].stage)
	n.after(phases[0].for_, func() { n.runPhasesLocked(phases[1:], beforeBoot) })
}

// after runs f under the lock after d unless the node changed power state meanwhile.
func (n *Node) after(d time.Duration, f func()) {
	gen := n.generation

	time.AfterFunc(d, func() {
		n.mu.Lock()
		defer n.mu.Unlock()

		if gen == n.generation {
			f()
		}
	})
}

func (n *Node) setStageLocked(stage runtime.MachineStage) {
	n.stage = stage
	n.publishStageLocked()
}

// maybeRunningLocked ends the boot sequence once every service is up (StartAllServices returns,
// the boot sequence stops without error and MachineStatusController turns the stage running).
// The wait is for one "up" event per service: a service that goes down later does not undo it.
func (n *Node) maybeRunningLocked() {
	if n.stage == runtime.MachineStageBooting && n.servicesUpLocked() {
		n.setStageLocked(runtime.MachineStageRunning)
	}
}

// publishStageLocked publishes MachineStatus (and the event machined sends with it) from the
// current stage and readiness checks.
func (n *Node) publishStageLocked() {
	unmet := n.unmetConditionsLocked()
	n.ready = len(unmet) == 0

	key := fmt.Sprint(n.stage, unmet)
	if key == n.published {
		return
	}

	n.published = key

	if err := publishStage(context.Background(), n.resources, n.stage, unmet); err != nil {
		log.Printf("%s: publish machine status: %v", n.spec.Address, err)
	}

	// the two enums share their order (machinery generates one from the other)
	n.emitLocked(&machine.MachineStatusEvent{
		Stage:  machine.MachineStatusEvent_MachineStage(n.stage),
		Status: &machine.MachineStatusEvent_MachineStatus{Ready: n.ready},
	}, "")
}

// Reboot is fault injection: the machine goes away for a reboot (down, or the
// scaled reboot time when zero) and comes back in its current mode.
func (n *Node) Reboot(down time.Duration) {
	n.mu.Lock()
	defer n.mu.Unlock()

	if down <= 0 {
		down = n.scale.Reboot()
	}

	n.generation++
	n.stopEtcdLocked()
	n.transport.Down()
	n.reachable = false
	n.runPhasesLocked([]phase{{runtime.MachineStageRebooting, down}}, nil)
}

// powerOff stops the node for good (the server was deleted).
func (n *Node) powerOff() {
	n.mu.Lock()
	defer n.mu.Unlock()

	n.generation++
	n.stopEtcdLocked()
	n.transport.Down()
	n.reachable = false
}

func (n *Node) nodeNameLocked() string {
	if n.active != nil {
		if hostname := n.active.NetworkHostnameConfig(); hostname != nil && hostname.Hostname() != "" {
			return hostname.Hostname()
		}
	}

	return n.spec.Hostname
}

func (n *Node) isControlPlaneLocked() bool {
	return n.active != nil && n.active.Machine().Type().IsControlPlane()
}

func (n *Node) clusterIDLocked() string {
	if n.active == nil {
		return ""
	}

	return n.active.Cluster().ID()
}
