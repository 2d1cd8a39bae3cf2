package node

import (
	"context"
	"strings"
	"testing"

	"github.com/cosi-project/runtime/pkg/safe"
	"github.com/siderolabs/talos/pkg/machinery/api/machine"
	"github.com/siderolabs/talos/pkg/machinery/resources/runtime"
	"github.com/siderolabs/talos/pkg/machinery/version"
	"google.golang.org/grpc/codes"
)

const (
	schematicID  = "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba"
	factoryImage = "factory.talos.dev/installer/" + schematicID + ":v1.99.1"
)

func tagOf(t *testing.T, n *Node) string {
	t.Helper()

	v, err := n.Version()
	if err != nil {
		t.Fatal(err)
	}

	return v.GetVersion().GetTag()
}

// upgraded waits until the node has rebooted from an upgrade and its etcd runs again.
func upgraded(t *testing.T, n *Node, upgrades int) {
	t.Helper()

	eventually(t, func() bool {
		v := n.View()

		return v.OS.Upgrades == upgrades && v.Reachable && v.Stage == "running" && (v.Role != "controlplane" || v.EtcdRunning)
	}, n.spec.Hostname+" back after the upgrade")
}

func TestParseInstallerImage(t *testing.T) {
	for ref, want := range map[string][2]string{
		factoryImage:                           {"v1.99.1", schematicID},
		"ghcr.io/siderolabs/installer:v1.13.9": {"v1.13.9", ""},
		"registry:5000/installer":              {"", ""},
	} {
		if tag, schematic := imageTag(ref), imageSchematic(ref); tag != want[0] || schematic != want[1] {
			t.Errorf("%s: tag %q schematic %q, want %v", ref, tag, schematic, want)
		}
	}
}

// The legacy upgrade answers, reboots the node into the new image (version and schematic), and the
// control plane rejoins etcd with its data.
func TestUpgradeRebootsIntoTheNewImage(t *testing.T) {
	c := bootstrapped(t)
	cp := c.cps[1]

	if got := tagOf(t, cp); got != version.Tag {
		t.Fatalf("installed version %s, want the config's installer %s", got, version.Tag)
	}

	member := cp.View().EtcdMemberID

	reply, err := cp.Upgrade(&machine.UpgradeRequest{Image: factoryImage}, true)
	if err != nil {
		t.Fatal(err)
	}

	if reply.GetAck() != "Upgrade request received" || reply.GetActorId() == "" {
		t.Fatalf("reply %v", reply)
	}

	upgraded(t, cp, 1)

	if got := tagOf(t, cp); got != "v1.99.1" {
		t.Fatalf("version after the upgrade %s", got)
	}

	ext, err := safe.StateGetByID[*runtime.ExtensionStatus](context.Background(), cp.Resources(), schematicExtensionID)
	if err != nil || ext.TypedSpec().Metadata.Name != "schematic" || ext.TypedSpec().Metadata.Version != schematicID {
		t.Fatalf("schematic extension %v, %v", ext, err)
	}

	if v := cp.View(); v.EtcdMemberID != member || v.OS.Schematic != schematicID {
		t.Fatalf("after the upgrade: %+v (member was %s)", v, member)
	}
}

// With the rollback fault armed, the new image fails to boot and the bootloader falls back: the
// node comes back on the old version.
func TestAFailedBootRollsBackToThePreviousImage(t *testing.T) {
	c := bootstrapped(t)
	w := c.wk

	w.SetUpgradeRollback(true)

	if _, err := w.Upgrade(&machine.UpgradeRequest{Image: factoryImage}, true); err != nil {
		t.Fatal(err)
	}

	upgraded(t, w, 1)

	if got := tagOf(t, w); got != version.Tag {
		t.Fatalf("version after the rollback %s, want %s", got, version.Tag)
	}

	if v := w.View(); v.OS.RollbackFault || v.OS.Installed == factoryImage {
		t.Fatalf("after the rollback: %+v", v.OS)
	}
}

// machined's etcd check before an upgrade: every member must be healthy.
func TestUpgradeOfAControlPlaneNeedsEveryMemberHealthy(t *testing.T) {
	c := bootstrapped(t)
	c.cps[2].powerOff()

	_, err := c.cps[0].Upgrade(&machine.UpgradeRequest{Image: factoryImage}, true)
	if err == nil || !strings.Contains(err.Error(), "error validating etcd for upgrade: etcd member") || !strings.Contains(err.Error(), "is not healthy") {
		t.Fatalf("upgrade with a member down: %v", err)
	}

	// a worker has no etcd to check
	if _, err = c.wk.Upgrade(&machine.UpgradeRequest{Image: factoryImage}, true); err != nil {
		t.Fatal(err)
	}
}

// LifecycleService.Upgrade only installs; the reboot talosctl asks for next boots the new image.
func TestLifecycleUpgradeTakesEffectAtTheNextReboot(t *testing.T) {
	c := bootstrapped(t)
	w := c.wk

	if err := w.LifecycleUpgrade(factoryImage, true); err != nil {
		t.Fatal(err)
	}

	if got := tagOf(t, w); got != version.Tag {
		t.Fatalf("version before the reboot %s", got)
	}

	if _, err := w.RebootRequested(true); err != nil {
		t.Fatal(err)
	}

	upgraded(t, w, 1)
	eventually(t, func() bool { return w.View().OS.Version == "v1.99.1" }, "new version after the reboot")

	wantStatus(t, w.LifecycleUpgrade("", true), codes.InvalidArgument, "installer image name is required")
}

func TestEtcdSnapshot(t *testing.T) {
	c := bootstrapped(t)

	_, err := c.wk.EtcdSnapshot(true)
	wantStatus(t, err, codes.Unimplemented, "etcd snapshot is only available on control plane nodes")

	data, err := c.cps[0].EtcdSnapshot(true)
	if err != nil || !strings.Contains(string(data), "etcd-cp-2") {
		t.Fatalf("snapshot %q, %v", data, err)
	}

	if v := c.cps[0].View(); v.OS.EtcdSnapshots != 1 {
		t.Fatalf("snapshots counted: %+v", v.OS)
	}

	c.cps[1].powerOff()

	_, err = c.cps[1].EtcdSnapshot(true)
	wantStatus(t, err, codes.DeadlineExceeded, "error building etcd client: context deadline exceeded")
}
