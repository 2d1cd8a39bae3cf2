package node

import (
	"context"
	"fmt"
	"log"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/siderolabs/talos/pkg/machinery/config"

	"cto/testenv/talos-node-sim/internal/kube"
	"cto/testenv/talos-node-sim/internal/timing"
)

// Fleet is every simulated machine in the process, plus what they share:
// each bootstrapped cluster's etcd membership and the local control plane.
type Fleet struct {
	scale        timing.Scale
	admin        *kube.Admin
	newTransport func(address string) Transport

	mu           sync.Mutex
	nodes        map[string]*Node
	etcd         map[string]*etcdCluster // cluster ID → its etcd, once bootstrapped
	caKeys       map[string][]byte       // machine CA certificate PEM → its key, as control planes' trustd hold it
}

// NewFleet creates an empty fleet; newTransport builds the API listener for an address.
func NewFleet(scale timing.Scale, admin *kube.Admin, newTransport func(address string) Transport) *Fleet {
	return &Fleet{scale: scale, admin: admin, newTransport: newTransport, nodes: map[string]*Node{}, etcd: map[string]*etcdCluster{}, caKeys: map[string][]byte{}}
}

// Add powers a new machine on in maintenance mode.
func (f *Fleet) Add(ctx context.Context, spec Spec) (*Node, error) {
	f.mu.Lock()
	if _, exists := f.nodes[spec.Address]; exists {
		f.mu.Unlock()

		return nil, fmt.Errorf("node %s already exists", spec.Address)
	}

	n, err := newNode(ctx, spec, f.scale, f.newTransport(spec.Address), f)
	if err != nil {
		f.mu.Unlock()

		return nil, err
	}

	f.nodes[spec.Address] = n
	f.mu.Unlock()

	if err = n.boot(); err != nil {
		f.Remove(spec.Address)

		return nil, fmt.Errorf("node %s cannot serve the Talos API: %w", spec.Address, err)
	}

	return n, nil
}

// Remove powers a machine off and forgets it.
func (f *Fleet) Remove(address string) bool {
	f.mu.Lock()
	n, ok := f.nodes[address]
	delete(f.nodes, address)
	f.mu.Unlock()

	if ok {
		n.powerOff()
	}

	return ok
}

// Get returns the node serving address, or nil.
func (f *Fleet) Get(address string) *Node {
	f.mu.Lock()
	defer f.mu.Unlock()

	return f.nodes[address]
}

// All returns the nodes ordered by address.
func (f *Fleet) All() []*Node {
	f.mu.Lock()
	nodes := make([]*Node, 0, len(f.nodes))

	for _, n := range f.nodes {
		nodes = append(nodes, n)
	}
	f.mu.Unlock()

	sort.Slice(nodes, func(i, j int) bool { return nodes[i].spec.Address < nodes[j].spec.Address })

	return nodes
}

// StopAll powers every machine off.
func (f *Fleet) StopAll() {
	for _, n := range f.All() {
		f.Remove(n.spec.Address)
	}
}

// learnIssuer remembers the machine CA key of a control plane config.
func (f *Fleet) learnIssuer(cfg config.Provider) {
	ca := cfg.Machine().Security().IssuingCA()
	if ca == nil || len(ca.Key) == 0 {
		return
	}

	f.mu.Lock()
	defer f.mu.Unlock()

	f.caKeys[string(ca.Crt)] = ca.Key
}

func (f *Fleet) caKey(crt []byte) []byte {
	f.mu.Lock()
	defer f.mu.Unlock()

	return f.caKeys[string(crt)]
}

func (f *Fleet) clusterBootstrapped(clusterID string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()

	return f.etcd[clusterID] != nil
}

// markBootstrapped starts the cluster's etcd with its first member, then lets every other
// configured node of the cluster join it (control planes) and register with Kubernetes
// (their kubelets can now reach an API server). Bootstrapping again starts a new etcd:
// the split brain a second bootstrap causes on real machines.
func (f *Fleet) markBootstrapped(clusterID string, first etcdMember) uint64 {
	f.mu.Lock()
	cluster := newEtcdCluster(first)
	f.etcd[clusterID] = cluster
	f.mu.Unlock()

	go func() {
		for _, n := range f.All() {
			n.mu.Lock()
			same := n.clusterIDLocked() == clusterID && n.mode == Configured && n.reachable && n.criUp
			if same {
				n.startEtcdLocked()
			}
			n.mu.Unlock()

			if same {
				n.registerWithKubernetes()
			}
		}
	}()

	return cluster.members[0].ID
}

// withEtcd runs f on a cluster's etcd under the fleet lock; no etcd yet is errEtcdNoLeader
// (nothing answers on the control planes' etcd endpoints).
func (f *Fleet) withEtcd(clusterID string, fn func(*etcdCluster) error) error {
	f.mu.Lock()
	defer f.mu.Unlock()

	cluster := f.etcd[clusterID]
	if cluster == nil {
		return errEtcdNoLeader
	}

	return fn(cluster)
}

// nodeConfigured is called (node locked) when a configured node's CRI comes up or it takes a live
// config change: in a bootstrapped cluster its etcd starts and its kubelet registers the Node.
func (f *Fleet) nodeConfigured(n *Node) {
	if !n.criUp {
		return
	}

	if f.clusterBootstrapped(n.clusterIDLocked()) {
		n.startEtcdLocked()

		go n.registerWithKubernetes()
	}

	n.maybeRunningLocked()
}

// refreshCluster re-checks the configured nodes of a cluster after its etcd changed (a member
// joined, went down or left): a booting control plane may now have a healthy etcd, and every
// node's readiness follows etcd's health. except (may be nil) is the caller, which did so itself.
func (f *Fleet) refreshCluster(clusterID string, except *Node) {
	for _, n := range f.All() {
		if n == except {
			continue
		}

		n.mu.Lock()
		if n.mode == Configured && n.reachable && n.clusterIDLocked() == clusterID {
			n.maybeRunningLocked()
			n.publishStageLocked()
		}
		n.mu.Unlock()
	}
}

func (n *Node) registerWithKubernetes() {
	n.mu.Lock()
	if n.active == nil {
		n.mu.Unlock()

		return
	}

	node := kube.Node{Name: n.nodeNameLocked(), Address: n.spec.Address, Labels: n.kubeLabelsLocked(), HugepagesBytes: n.hugepagesBytesLocked()}
	gen := n.generation
	n.mu.Unlock()

	if n.fleet.admin == nil {
		return
	}

	// Like the kubelet's registerWithAPIServer: a failed registration (an API server too slow to
	// answer) is tried again, 100 ms doubling up to 7 s, until it succeeds or the node moves on.
	for step := 100 * time.Millisecond; ; step = min(2*step, 7*time.Second) {
		err := n.fleet.admin.RegisterNode(context.Background(), node)
		if err == nil {
			break
		}

		log.Printf("%s: register node %s: %v", n.spec.Address, node.Name, err)
		time.Sleep(step)

		n.mu.Lock()
		moved := n.active == nil || gen != n.generation
		n.mu.Unlock()

		if moved {
			return
		}
	}

	n.mu.Lock()
	defer n.mu.Unlock()

	if gen == n.generation {
		n.registered = true
		n.publishStageLocked()
	}
}

func (n *Node) kubeLabelsLocked() map[string]string {
	labels := map[string]string{}

	for k, v := range n.active.Machine().NodeLabels() {
		labels[k] = v
	}

	labels["kubernetes.io/hostname"] = n.nodeNameLocked()
	labels["kubernetes.io/os"] = "linux"
	labels["kubernetes.io/arch"] = "amd64"

	if n.isControlPlaneLocked() {
		labels["node-role.kubernetes.io/control-plane"] = ""
	}

	return labels
}

// hugepagesBytesLocked is the hugepages-2Mi capacity the kernel reserves from vm.nr_hugepages.
func (n *Node) hugepagesBytesLocked() int64 {
	pages, err := strconv.ParseInt(n.active.Machine().Sysctls()["vm.nr_hugepages"], 10, 64)
	if err != nil {
		return 0
	}

	return pages * 2 * 1024 * 1024
}
