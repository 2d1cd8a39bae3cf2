package node

import (
	"testing"
	"time"

	"github.com/siderolabs/talos/pkg/machinery/api/machine"
	machinetype "github.com/siderolabs/talos/pkg/machinery/config/machine"
	"google.golang.org/grpc/codes"

	"cto/testenv/talos-node-sim/internal/timing"
)

// slowCRI is a fleet whose CRI takes long enough (0.02 × 30 s = 600 ms) to call the API before it is up.
func slowCRI(t *testing.T) *Fleet {
	t.Helper()

	fleet := NewFleet(timing.Scale(0.02), nil, func(string) Transport { return unservedTransport{} })
	t.Cleanup(fleet.StopAll)

	return fleet
}

// bootConfigured adds a machine that boots straight into a config of the shared test cluster, without waiting.
func bootConfigured(t *testing.T, fleet *Fleet, typ machinetype.Type, address, hostname string) *Node {
	t.Helper()

	in, err := clusterInput()
	if err != nil {
		t.Fatal(err)
	}

	cfg, err := in.Config(typ)
	if err != nil {
		t.Fatal(err)
	}

	// a worker's API certificate is signed with a control plane's CA key (trustd)
	cpCfg, err := in.Config(machinetype.TypeControlPlane)
	if err != nil {
		t.Fatal(err)
	}

	fleet.learnIssuer(cpCfg)

	n, err := fleet.Add(t.Context(), Spec{Address: address, Hostname: hostname, Disks: []string{"/dev/nvme0n1"}})
	if err != nil {
		t.Fatal(err)
	}

	n.mu.Lock()
	n.persisted = cfg
	err = n.bootLocked()
	n.mu.Unlock()

	if err != nil {
		t.Fatal(err)
	}

	return n
}

func serviceOf(t *testing.T, n *Node, id string) *machine.ServiceInfo {
	t.Helper()

	list, err := n.ServiceList()
	if err != nil {
		t.Fatal(err)
	}

	for _, s := range list.GetServices() {
		if s.GetId() == id {
			return s
		}
	}

	t.Fatalf("no service %q on %s", id, n.spec.Address)

	return nil
}

func wantStage(t *testing.T, n *Node, stage string) {
	t.Helper()

	if v := n.View(); v.Stage != stage {
		t.Fatalf("%s: stage %s, want %s (%+v)", n.spec.Hostname, v.Stage, stage, v)
	}
}

// A fresh control plane waits in `booting` with etcd Preparing until it is bootstrapped; bootstrap is
// refused with machined's FailedPrecondition until its CRI is up, then the stage turns running at once.
func TestAFreshControlPlaneStaysBootingUntilBootstrapped(t *testing.T) {
	fleet := slowCRI(t)
	cp := bootConfigured(t, fleet, machinetype.TypeControlPlane, "127.0.8.1", "boot-cp-0")

	_, err := cp.Bootstrap(true)
	wantStatus(t, err, codes.FailedPrecondition, "bootstrap is not available yet")

	if s := serviceOf(t, cp, "etcd"); s.GetState() != "Waiting" || s.GetEvents().GetEvents()[0].GetMsg() != `Waiting for service "cri" to be "up"` {
		t.Fatalf("etcd before the CRI: %v", s)
	}

	eventually(t, func() bool { return serviceOf(t, cp, "cri").GetState() == "Running" }, "CRI up")

	// StartAllServices waits for etcd: however long we wait, the stage stays booting
	time.Sleep(100 * time.Millisecond)
	wantStage(t, cp, "booting")

	etcd := serviceOf(t, cp, "etcd")
	if etcd.GetState() != "Preparing" || etcd.GetEvents().GetEvents()[0].GetMsg() != "Running pre state" || !etcd.GetHealth().GetUnknown() {
		t.Fatalf("etcd waiting to join: %v", etcd)
	}

	if v := cp.View(); v.Ready {
		t.Fatalf("not ready while etcd prepares: %+v", v)
	}

	if _, err = cp.Bootstrap(true); err != nil {
		t.Fatal(err)
	}

	wantStage(t, cp, "running")

	if s := serviceOf(t, cp, "etcd"); s.GetState() != "Running" || !s.GetHealth().GetHealthy() {
		t.Fatalf("etcd after bootstrap: %v", s)
	}

	if calls := cp.View().BootstrapCalls; calls != 2 {
		t.Fatalf("bootstrap calls %d, want 2 (the refused one counts)", calls)
	}
}

// A worker's boot sequence waits for its kubelet, which is up (healthz answers) without an API
// server: it runs before any control plane is bootstrapped. Bootstrap there is FailedPrecondition
// before its CRI is up, Unimplemented after.
func TestAWorkerRunsWithoutBootstrap(t *testing.T) {
	fleet := slowCRI(t)
	wk := bootConfigured(t, fleet, machinetype.TypeWorker, "127.0.8.10", "boot-worker-0")

	wantStage(t, wk, "booting")

	_, err := wk.Bootstrap(true)
	wantStatus(t, err, codes.FailedPrecondition, "bootstrap is not available yet")

	eventually(t, func() bool { return wk.View().Stage == "running" }, "worker running")

	if s := serviceOf(t, wk, "kubelet"); s.GetState() != "Running" || !s.GetHealth().GetHealthy() {
		t.Fatalf("kubelet: %v", s)
	}

	_, err = wk.Bootstrap(true)
	wantStatus(t, err, codes.Unimplemented, "bootstrap is only available on control plane nodes")

	// running, but not ready: no Node yet (machined's nodeReady check)
	if v := wk.View(); v.Ready {
		t.Fatalf("a worker without a Node is not ready: %+v", v)
	}
}

// Other control planes stay booting in etcd's join loop until the cluster is bootstrapped, then
// join and run; a member that reboots comes back running without a bootstrap.
func TestJoiningControlPlanesRunOnceEtcdJoined(t *testing.T) {
	c := newTestCluster(t)

	for _, cp := range c.cps {
		wantStage(t, cp, "booting")
	}

	eventually(t, func() bool { return c.wk.View().Stage == "running" }, "worker running")

	if _, err := c.cps[0].Bootstrap(true); err != nil {
		t.Fatal(err)
	}

	for _, cp := range c.cps[1:] {
		eventually(t, func() bool { v := cp.View(); return v.Stage == "running" && v.EtcdRunning }, cp.spec.Hostname+" joined and running")
	}

	c.cps[1].Reboot(time.Millisecond)
	eventually(t, func() bool { v := c.cps[1].View(); return v.Reachable && v.Stage == "running" }, "rebooted member running")

	if v := c.cps[1].View(); v.Bootstrapped || v.BootstrapCalls != 0 {
		t.Fatalf("a member rejoins without bootstrap: %+v", v)
	}
}

// Joining needs a leader: while the cluster has lost quorum a wiped control plane keeps retrying in
// Preparing (booting), and joins once enough members run again.
func TestAJoinWaitsForQuorum(t *testing.T) {
	c := bootstrapped(t)

	// cp-2 is wiped (its member left behind), then cp-1 goes down: 1 of 3 members runs
	if _, err := c.cps[2].Reset(&machine.ResetRequest{Graceful: false}, true); err != nil {
		t.Fatal(err)
	}

	waitReset(t, c.cps[2])
	c.cps[1].powerOff()

	in, err := clusterInput()
	if err != nil {
		t.Fatal(err)
	}

	cfg, err := in.Config(machinetype.TypeControlPlane)
	if err != nil {
		t.Fatal(err)
	}

	c.cps[2].mu.Lock()
	c.cps[2].persisted = cfg
	err = c.cps[2].bootLocked()
	c.cps[2].mu.Unlock()

	if err != nil {
		t.Fatal(err)
	}

	eventually(t, func() bool { return serviceOf(t, c.cps[2], "etcd").GetState() == "Preparing" }, "cp-2 waiting to join")
	time.Sleep(50 * time.Millisecond) // several join attempts
	wantStage(t, c.cps[2], "booting")

	// cp-1 back: quorum again, cp-2 joins (replacing its old member) on its next attempt
	if err = c.cps[1].boot(); err != nil {
		t.Fatal(err)
	}

	eventually(t, func() bool { return c.cps[2].View().Stage == "running" }, "cp-2 joined and running")

	if names := memberNames(t, c.cps[0]); len(names) != 3 {
		t.Fatalf("members %v", names)
	}
}
