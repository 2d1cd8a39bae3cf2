package node

import (
	"context"
	"crypto/tls"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/siderolabs/talos/pkg/machinery/api/machine"
	"github.com/siderolabs/talos/pkg/machinery/config"
	"github.com/siderolabs/talos/pkg/machinery/config/generate"
	machinetype "github.com/siderolabs/talos/pkg/machinery/config/machine"
	"github.com/siderolabs/talos/pkg/machinery/constants"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cto/testenv/talos-node-sim/internal/timing"
)

// Transport is where the API would be served; these tests call the node's methods directly.
type unservedTransport struct{}

func (unservedTransport) Up(*tls.Config) error { return nil }
func (unservedTransport) Down()                {}

// testCluster is three control planes (and a worker) configured under one cluster's secrets.
type testCluster struct {
	fleet *Fleet
	cps   []*Node
	wk    *Node
}

// clusterInput is one set of cluster secrets for every test: generating them takes seconds.
var clusterInput = sync.OnceValues(func() (*generate.Input, error) {
	return generate.NewInput("etcd", "https://127.0.0.1:6443", constants.DefaultKubernetesVersion, generate.WithInstallDisk("/dev/nvme0n1"))
})

func newTestCluster(t *testing.T) *testCluster {
	t.Helper()

	in, err := clusterInput()
	if err != nil {
		t.Fatal(err)
	}

	fleet := NewFleet(timing.Scale(0.0001), nil, func(string) Transport { return unservedTransport{} })
	t.Cleanup(fleet.StopAll)

	c := &testCluster{fleet: fleet}

	for i := range 3 {
		c.cps = append(c.cps, configuredNode(t, fleet, in, machinetype.TypeControlPlane, fmt.Sprintf("127.0.9.%d", i+1), fmt.Sprintf("etcd-cp-%d", i)))
	}

	c.wk = configuredNode(t, fleet, in, machinetype.TypeWorker, "127.0.9.10", "etcd-worker-0")

	return c
}

func configuredNode(t *testing.T, fleet *Fleet, in *generate.Input, typ machinetype.Type, address, hostname string) *Node {
	t.Helper()

	cfg, err := in.Config(typ)
	if err != nil {
		t.Fatal(err)
	}

	n, err := fleet.Add(context.Background(), Spec{Address: address, Hostname: hostname, Disks: []string{"/dev/nvme0n1"}})
	if err != nil {
		t.Fatal(err)
	}

	if typ.IsControlPlane() {
		fleet.learnIssuer(cfg)
	}

	n.mu.Lock()
	n.persisted = config.Provider(cfg)
	err = n.bootLocked()
	n.mu.Unlock()

	if err != nil {
		t.Fatal(err)
	}

	eventually(t, func() bool { return criUp(n) }, hostname+" CRI up")

	return n
}

// bootstrapped is the cluster after `talosctl bootstrap` on cp-0, once the others have joined.
func bootstrapped(t *testing.T) *testCluster {
	t.Helper()

	c := newTestCluster(t)
	if _, err := c.cps[0].Bootstrap(true); err != nil {
		t.Fatal(err)
	}

	eventually(t, func() bool { return len(memberNames(t, c.cps[0])) == 3 }, "three members")

	return c
}

func criUp(n *Node) bool {
	n.mu.Lock()
	defer n.mu.Unlock()

	return n.criUp
}

func eventually(t *testing.T, cond func() bool, what string) {
	t.Helper()

	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}

	t.Fatalf("timed out waiting for %s", what)
}

func members(n *Node) ([]*machine.EtcdMember, error) {
	reply, err := n.EtcdMemberList(&machine.EtcdMemberListRequest{QueryLocal: true}, true)
	if err != nil {
		return nil, err
	}

	return reply.GetMembers(), nil
}

func memberNames(t *testing.T, n *Node) []string {
	t.Helper()

	list, err := members(n)
	if err != nil {
		return nil
	}

	var names []string
	for _, m := range list {
		names = append(names, m.GetHostname())
	}

	slices.Sort(names)

	return names
}

func memberID(t *testing.T, list []*machine.EtcdMember, hostname string) uint64 {
	t.Helper()

	i := slices.IndexFunc(list, func(m *machine.EtcdMember) bool { return m.GetHostname() == hostname })
	if i < 0 {
		t.Fatalf("%s is not a member", hostname)
	}

	return list[i].GetId()
}

func wantStatus(t *testing.T, err error, code codes.Code, message string) {
	t.Helper()

	if s := status.Convert(err); err == nil || s.Code() != code || s.Message() != message {
		t.Fatalf("got %v, want code %s desc %q", err, code, message)
	}
}

func etcdState(t *testing.T, n *Node) string {
	t.Helper()

	list, err := n.ServiceList()
	if err != nil {
		t.Fatal(err)
	}

	for _, s := range list.GetServices() {
		if s.GetId() == "etcd" {
			return s.GetState()
		}
	}

	return ""
}

func TestBootstrapStartsEtcdAndOtherControlPlanesJoin(t *testing.T) {
	c := newTestCluster(t)

	// before the bootstrap nothing listens on etcd's local endpoint
	_, err := members(c.cps[0])
	wantStatus(t, err, codes.DeadlineExceeded, "error building etcd client: context deadline exceeded")

	if _, err = c.cps[0].Bootstrap(true); err != nil {
		t.Fatal(err)
	}

	eventually(t, func() bool { return len(memberNames(t, c.cps[0])) == 3 }, "three members")

	list, err := members(c.cps[1])
	if err != nil {
		t.Fatal(err)
	}

	m := list[slices.IndexFunc(list, func(m *machine.EtcdMember) bool { return m.GetHostname() == "etcd-cp-1" })]
	if m.GetPeerUrls()[0] != "https://127.0.9.2:2380" || m.GetClientUrls()[0] != "https://127.0.9.2:2379" || m.GetIsLearner() {
		t.Fatalf("member as machined reports it: %v", m)
	}

	if v := c.cps[1].View(); v.EtcdMemberID == "" || !v.EtcdRunning {
		t.Fatalf("a joined control plane runs etcd: %+v", v)
	}

	// a joined member's data directory is not empty either
	_, err = c.cps[1].Bootstrap(true)
	wantStatus(t, err, codes.AlreadyExists, "etcd data directory is not empty")

	_, err = c.wk.EtcdMemberList(&machine.EtcdMemberListRequest{QueryLocal: true}, true)
	wantStatus(t, err, codes.Unimplemented, "member list is only available on control plane nodes")

	_, err = c.wk.EtcdLeaveCluster(true)
	wantStatus(t, err, codes.Unimplemented, "etcd leave is only available on control plane nodes")

	_, err = c.cps[0].EtcdLeaveCluster(false)
	wantStatus(t, err, codes.PermissionDenied, "not authorized")
}

func TestLeaveRemovesTheMemberAndStopsEtcd(t *testing.T) {
	c := bootstrapped(t)

	if _, err := c.cps[2].EtcdLeaveCluster(true); err != nil {
		t.Fatal(err)
	}

	if got := memberNames(t, c.cps[0]); !slices.Equal(got, []string{"etcd-cp-0", "etcd-cp-1"}) {
		t.Fatalf("members after cp-2 left: %v", got)
	}

	if s := etcdState(t, c.cps[2]); s != "Finished" {
		t.Fatalf("etcd service after leave: %s", s)
	}

	// leaving again: the local member resource went with etcd
	_, err := c.cps[2].EtcdLeaveCluster(true)
	wantStatus(t, err, codes.Unknown, "failed to leave cluster: failed to get local etcd member ID: resource EtcdMembers.etcd.talos.dev(etcd/local@undefined) doesn't exist")

	_, err = members(c.cps[2])
	wantStatus(t, err, codes.DeadlineExceeded, "error building etcd client: context deadline exceeded")

	// a reboot starts etcd with an empty data directory: the node joins again, as a new member
	c.cps[2].Reboot(time.Millisecond)
	eventually(t, func() bool { return len(memberNames(t, c.cps[0])) == 3 }, "cp-2 back as a member")

	if s := etcdState(t, c.cps[2]); s != "Running" {
		t.Fatalf("etcd service after the reboot: %s", s)
	}
}

func TestTheLastMemberCannotLeave(t *testing.T) {
	c := bootstrapped(t)

	for _, n := range c.cps[1:] {
		if _, err := n.EtcdLeaveCluster(true); err != nil {
			t.Fatal(err)
		}
	}

	list, err := members(c.cps[0])
	if err != nil || len(list) != 1 {
		t.Fatalf("one member left: %v %v", list, err)
	}

	_, err = c.cps[0].EtcdLeaveCluster(true)
	wantStatus(t, err, codes.Unknown, fmt.Sprintf("failed to leave cluster: failed to remove member %d: etcdserver: re-configuration failed due to not enough started members", list[0].GetId()))

	if got := memberNames(t, c.cps[0]); !slices.Equal(got, []string{"etcd-cp-0"}) {
		t.Fatalf("the refused leave changed nothing: %v", got)
	}
}

func TestALeaveThatBreaksTheActiveQuorumIsRefused(t *testing.T) {
	c := bootstrapped(t)
	before, _ := members(c.cps[0])
	down := memberID(t, before, "etcd-cp-2")

	// cp-2 powered off: 2 of 3 members run, and without cp-1 only 1 of 2 would
	c.fleet.Remove(c.cps[2].spec.Address)

	_, err := c.cps[1].EtcdLeaveCluster(true)
	wantStatus(t, err, codes.Unknown, fmt.Sprintf("failed to leave cluster: failed to remove member %d: etcdserver: unhealthy cluster", memberID(t, before, "etcd-cp-1")))

	// the member that is down can go: it is not part of the active quorum
	if _, err = c.cps[0].EtcdRemoveMemberByID(&machine.EtcdRemoveMemberByIDRequest{MemberId: down}, true); err != nil {
		t.Fatal(err)
	}

	if got := memberNames(t, c.cps[0]); !slices.Equal(got, []string{"etcd-cp-0", "etcd-cp-1"}) {
		t.Fatalf("members after removing cp-2: %v", got)
	}

	_, err = c.cps[0].EtcdRemoveMemberByID(&machine.EtcdRemoveMemberByIDRequest{MemberId: down}, true)
	wantStatus(t, err, codes.NotFound, fmt.Sprintf("failed to remove member %d: etcdserver: member not found", down))

	// now cp-1 can leave: cp-0 alone is a quorum of one
	if _, err = c.cps[1].EtcdLeaveCluster(true); err != nil {
		t.Fatal(err)
	}
}

func waitReset(t *testing.T, n *Node) {
	t.Helper()
	eventually(t, func() bool { v := n.View(); return v.Mode == Maintenance && v.Reachable }, n.spec.Hostname+" back in maintenance")
}

func TestAResetThatIsNotGracefulLeavesItsMemberBehind(t *testing.T) {
	c := bootstrapped(t)

	if _, err := c.cps[2].Reset(&machine.ResetRequest{Graceful: false}, true); err != nil {
		t.Fatal(err)
	}

	waitReset(t, c.cps[2])

	if got := memberNames(t, c.cps[0]); !slices.Equal(got, []string{"etcd-cp-0", "etcd-cp-1", "etcd-cp-2"}) {
		t.Fatalf("cp-2's member stays behind: %v", got)
	}

	// the second one takes quorum with it: 1 of 3 members runs, no leader
	if _, err := c.cps[1].Reset(&machine.ResetRequest{Graceful: false}, true); err != nil {
		t.Fatal(err)
	}

	waitReset(t, c.cps[1])

	_, err := members(c.cps[0])
	wantStatus(t, err, codes.Unknown, "etcdserver: no leader")
}

func TestAGracefulResetLeavesEtcdFirst(t *testing.T) {
	c := bootstrapped(t)

	for _, n := range []*Node{c.cps[2], c.cps[1]} {
		if _, err := n.Reset(&machine.ResetRequest{Graceful: true}, true); err != nil {
			t.Fatal(err)
		}

		waitReset(t, n)
	}

	if got := memberNames(t, c.cps[0]); !slices.Equal(got, []string{"etcd-cp-0"}) {
		t.Fatalf("only cp-0 remains: %v", got)
	}

	// the last member's graceful reset fails in its leave phase: machined reboots it, config and member intact
	sub := c.cps[0].Subscribe(-1)
	defer sub.Cancel()

	if _, err := c.cps[0].Reset(&machine.ResetRequest{Graceful: true}, true); err != nil {
		t.Fatal(err)
	}

	failed := false

	for !failed {
		select {
		case e := <-sub.Events:
			var seq machine.SequenceEvent
			if e.GetData().MessageIs(&seq) && e.GetData().UnmarshalTo(&seq) == nil && seq.GetError() != nil {
				failed = true
			}
		case <-time.After(5 * time.Second):
			t.Fatal("no failed reset sequence event")
		}
	}

	eventually(t, func() bool { v := c.cps[0].View(); return v.Mode == Configured && v.Stage == "running" && v.EtcdRunning }, "cp-0 rebooted")

	if got := memberNames(t, c.cps[0]); !slices.Equal(got, []string{"etcd-cp-0"}) {
		t.Fatalf("cp-0 is still the member: %v", got)
	}
}

func TestAMemberWithTheSameNameIsReplacedOnJoin(t *testing.T) {
	c := newEtcdCluster(etcdMember{Name: "cp-0", Address: "10.0.0.1"})

	old, err := c.join(etcdMember{Name: "cp-1", Address: "10.0.0.2"})
	if err != nil {
		t.Fatal(err)
	}

	if _, err = c.join(etcdMember{Name: "cp-2", Address: "10.0.0.3"}); err != nil {
		t.Fatal(err)
	}

	// cp-1 was wiped without leaving: 2 of 3 run, so the cluster still takes members in
	c.setRunning(old, false)

	again, err := c.join(etcdMember{Name: "cp-1", Address: "10.0.0.2"})
	if err != nil || again == old || len(c.members) != 3 || c.find(old) >= 0 {
		t.Fatalf("cp-1 rejoins in place of its old member: %v %+v", err, c.members)
	}

	if _, err = c.join(etcdMember{Name: "cp-9", Address: "10.0.0.2"}); err != errEtcdPeerURLConflicted {
		t.Fatalf("another name on the same peer URL: %v", err)
	}

	// two of three down: no leader, nobody joins
	c.setRunning(again, false)
	c.setRunning(c.members[0].ID, false)

	if _, err = c.join(etcdMember{Name: "cp-3", Address: "10.0.0.4"}); err != errEtcdNoLeader {
		t.Fatalf("joining a cluster without quorum: %v", err)
	}
}
