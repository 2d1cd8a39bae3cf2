package node

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/google/uuid"
	"github.com/siderolabs/talos/pkg/machinery/api/machine"
	"github.com/siderolabs/talos/pkg/machinery/resources/runtime"
	"github.com/siderolabs/talos/pkg/machinery/version"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// osImage is the Talos the machine's disk holds, in Talos' A/B scheme: the installer writes a new
// image to the boot entry the machine is not running and makes it the default; the bootloader falls
// back to the other entry when the new one fails to boot (grub's fallback entry,
// machined/pkg/runtime/v1alpha1/bootloader/grub/revert.go).
type osImage struct {
	// installed is the default boot entry's installer image (what the next boot runs), previous the other one.
	installed, previous string
	// running is the installer image the current boot came from ("" in maintenance: the iPXE image).
	running string
	// rollbackFault makes the next boot of a newly installed image fail, so the machine falls back.
	rollbackFault bool
	upgrades      int
}

// imageTag is the Talos version of an installer image reference (`…/installer/<schematic>:v1.13.9`).
func imageTag(ref string) string {
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		return ref[i+1:]
	}

	return ""
}

// imageSchematic is the Image Factory schematic of an installer image (`factory.talos.dev/installer/<id>:tag`);
// "" for other registries (no schematic).
func imageSchematic(ref string) string {
	repo := strings.TrimSuffix(ref, ":"+imageTag(ref))
	parts := strings.Split(repo, "/")

	if len(parts) == 3 && parts[0] == "factory.talos.dev" && strings.HasPrefix(parts[1], "installer") {
		return parts[2]
	}

	return ""
}

// bootOSLocked picks the image a boot runs: the first configured boot runs what the install wrote
// (the config's machine.install.image); a boot of a new image under the rollback fault falls back.
func (n *Node) bootOSLocked() {
	if n.active == nil {
		n.os = osImage{rollbackFault: n.os.rollbackFault} // a wiped disk holds no Talos

		return
	}

	if n.os.installed == "" {
		n.os.installed = n.active.Machine().Install().Image()
	}

	if n.os.installed == "" {
		// the installer's default image (talosctl's --image default: images.DefaultInstallerImage)
		n.os.installed = "ghcr.io/siderolabs/installer:" + version.Tag
	}

	if n.os.rollbackFault && n.os.installed != n.os.running && n.os.previous != "" {
		log.Printf("%s: boot of %s failed, falling back to %s", n.spec.Address, n.os.installed, n.os.previous)
		n.os.installed, n.os.previous = n.os.previous, n.os.installed
		n.os.rollbackFault = false
	}

	n.os.running = n.os.installed

	if err := publishSchematic(context.Background(), n.resources, imageSchematic(n.os.running)); err != nil {
		log.Printf("%s: publish extensions: %v", n.spec.Address, err)
	}
}

// runningTagLocked is the Talos version the node reports (`talosctl version`).
func (n *Node) runningTagLocked() string { return imageTag(n.os.running) }

// SetUpgradeRollback is the fault switch: the next boot of a newly installed image falls back to the old one.
func (n *Node) SetUpgradeRollback(on bool) {
	n.mu.Lock()
	defer n.mu.Unlock()

	n.os.rollbackFault = on
}

// Upgrade is machined's legacy MachineService.Upgrade (talosctl upgrade against a node older than
// 1.13, or --legacy): check the image and, on a control plane, etcd; answer; install and reboot.
func (n *Node) Upgrade(in *machine.UpgradeRequest, admin bool) (*machine.Upgrade, error) {
	n.mu.Lock()
	defer n.mu.Unlock()

	if err := n.checkUpgradeLocked(in.GetImage(), admin); err != nil {
		return nil, err
	}

	if n.isControlPlaneLocked() && !in.GetForce() && !in.GetPreserve() {
		if err := n.validateEtcdForUpgradeLocked(); err != nil {
			return nil, status.Errorf(codes.Unknown, "error validating etcd for upgrade: %v", err)
		}
	}

	actorID := uuid.New().String()
	log.Printf("%s: upgrade request received: image %s, actor id %s", n.spec.Address, in.GetImage(), actorID)

	n.installLocked(in.GetImage())
	n.emitLocked(&machine.SequenceEvent{Sequence: "upgrade", Action: machine.SequenceEvent_START}, actorID)
	n.setStageLocked(runtime.MachineStageUpgrading)
	n.powerCycleLocked([]phase{{runtime.MachineStageRebooting, n.scale.Reboot()}}, func() {
		n.emitLocked(&machine.TaskEvent{Task: "stopAllServices", Action: machine.TaskEvent_START}, actorID)
	}, nil)

	return &machine.Upgrade{Ack: "Upgrade request received", ActorId: actorID}, nil
}

// LifecycleUpgrade is LifecycleService.Upgrade (talosctl upgrade against 1.13+): the installer writes the
// image and reports its exit code; the node keeps running until talosctl asks for the reboot.
func (n *Node) LifecycleUpgrade(image string, admin bool) error {
	n.mu.Lock()
	defer n.mu.Unlock()

	if err := n.checkUpgradeLocked(image, admin); err != nil {
		return err
	}

	log.Printf("%s: starting upgrade: installer_image=%s", n.spec.Address, image)
	n.installLocked(image)

	return nil
}

func (n *Node) checkUpgradeLocked(image string, admin bool) error {
	if !admin {
		return errNotAuthorized
	}

	if n.mode != Configured || n.os.installed == "" {
		return status.Error(codes.FailedPrecondition, "Talos is not installed")
	}

	if image == "" {
		return status.Error(codes.InvalidArgument, "installer image name is required")
	}

	if imageTag(image) == "" {
		return fmt.Errorf("error validating installer image %q: no tag", image)
	}

	return nil
}

// installLocked writes the image to the other boot entry and makes it the default.
func (n *Node) installLocked(image string) {
	n.os.previous, n.os.installed = n.os.running, image
	n.os.upgrades++
}

// validateEtcdForUpgradeLocked is internal/pkg/etcd/etcd.go ValidateForUpgrade.
func (n *Node) validateEtcdForUpgradeLocked() error {
	return n.fleet.withEtcd(n.clusterIDLocked(), func(c *etcdCluster) error {
		if len(c.members) == 2 {
			return fmt.Errorf("etcd member count(%d) is insufficient to maintain quorum if upgrade commences", len(c.members))
		}

		for _, m := range c.members {
			if !m.Running {
				return fmt.Errorf("etcd member %016x is not healthy; all members must be healthy to perform an upgrade: context deadline exceeded", m.ID)
			}
		}

		return nil
	})
}

// OSView is the control API's view of the node's Talos images.
type OSView struct {
	// Version and Schematic are what the running boot reports ("" in maintenance).
	Version   string `json:"version"`
	Schematic string `json:"schematic"`
	// Installed is the default boot entry's image (differs from the running one after an upgrade, before its reboot).
	Installed string `json:"installed"`
	Upgrades  int    `json:"upgrades"`
	// RollbackFault is armed: the next boot of a new image falls back to the old one.
	RollbackFault bool `json:"rollbackFault"`
	EtcdSnapshots int  `json:"etcdSnapshots"`
}

func (n *Node) osViewLocked() OSView {
	return OSView{
		Version: imageTag(n.os.running), Schematic: imageSchematic(n.os.running), Installed: n.os.installed,
		Upgrades: n.os.upgrades, RollbackFault: n.os.rollbackFault, EtcdSnapshots: n.etcdSnapshots,
	}
}
