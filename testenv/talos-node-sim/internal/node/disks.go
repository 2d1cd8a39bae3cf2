package node

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/cosi-project/runtime/pkg/resource"
	"github.com/cosi-project/runtime/pkg/resource/meta"
	"github.com/cosi-project/runtime/pkg/safe"
	"github.com/cosi-project/runtime/pkg/state"
	"github.com/cosi-project/runtime/pkg/state/registry"
	"github.com/siderolabs/talos/pkg/machinery/config"
	"github.com/siderolabs/talos/pkg/machinery/config/types/block/blockhelpers"
	"github.com/siderolabs/talos/pkg/machinery/constants"
	"github.com/siderolabs/talos/pkg/machinery/resources/block"
)

// hardware is what a machine's disk is, by its kernel name: the NVMe drives of Latitude's NVMe
// plans, or a SATA SSD.
type hardware struct {
	model     string
	size      uint64
	transport string
}

func hardwareOf(devPath string) hardware {
	if strings.HasPrefix(path.Base(devPath), "nvme") {
		return hardware{model: "SAMSUNG MZQL21T9HCJR-00A07", size: 1_920_383_410_176, transport: "nvme"}
	}

	return hardware{model: "Micron_5300_MTFDDAK480TDS", size: 480_103_981_056, transport: "sata"}
}

// identity derives the serial and WWID a disk reports: fixed per machine address and disk, so
// that every node of a fleet has its own (as real drives do) and a reboot keeps them.
func identity(address, devPath string) (serial, eui string) {
	sum := sha256.Sum256([]byte(address + "|" + devPath))
	digits := fmt.Sprintf("%06d", (uint32(sum[0])<<16|uint32(sum[1])<<8|uint32(sum[2]))%1_000_000)

	return "S64GNE0R" + digits, hex.EncodeToString(sum[3:11])
}

// udevEscape is udev's `string_escape=replace`: characters not allowed in a device name
// (whitespace among them) become '_' (systemd src/shared/udev-util.c, udev_replace_chars).
func udevEscape(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || strings.ContainsRune("#+-.:=@_", r) {
			return r
		}

		return '_'
	}, s)
}

// diskSpec is a disk as machined's DisksController reports it (internal/app/machined/pkg/
// controllers/block/disks.go), with the links systemd-udevd's 60-persistent-storage.rules make
// for it, sorted as the SymlinksController sorts them.
func diskSpec(address, devPath string, index int) block.DiskSpec {
	hw := hardwareOf(devPath)
	serial, eui := identity(address, devPath)
	pci := fmt.Sprintf("0000:%02x:00.0", index+1)

	spec := block.DiskSpec{
		DevPath:    devPath,
		IOSize:     512,
		SectorSize: 512,
		Model:      hw.model,
		Serial:     serial,
		SubSystem:  "/sys/class/block",
		Transport:  hw.transport,
	}
	spec.SetSize(hw.size)

	links := []string{fmt.Sprintf("/dev/disk/by-diskseq/%d", index+1)}

	switch hw.transport {
	case "nvme":
		// NVMe: ID_WWN from the wwid attribute, ID_SERIAL = <model>_<serial>, then with _<nsid>.
		spec.WWID = "eui." + eui
		spec.BusPath = fmt.Sprintf("/pci0000:00/0000:00:01.%d/%s/nvme", index+1, pci)
		id := udevEscape(hw.model + "_" + serial)
		links = append(links,
			"/dev/disk/by-id/nvme-"+spec.WWID,
			"/dev/disk/by-id/nvme-"+id,
			"/dev/disk/by-id/nvme-"+id+"_1",
			"/dev/disk/by-path/pci-"+pci+"-nvme-1",
		)
	default:
		// ATA: ata_id's ID_SERIAL (<model>_<serial>) under ID_BUS "ata", the WWN, the ATA port path.
		spec.WWID = "naa.5" + eui[1:]
		spec.BusPath = fmt.Sprintf("/pci0000:00/0000:00:17.0/ata%d/host%d/target%d:0:0/%d:0:0:0", index+1, index, index, index)
		links = append(links,
			"/dev/disk/by-id/ata-"+udevEscape(hw.model+"_"+serial),
			"/dev/disk/by-id/wwn-0x5"+eui[1:],
			fmt.Sprintf("/dev/disk/by-path/pci-0000:00:17.0-ata-%d", index+1),
		)
	}

	slices.Sort(links)
	spec.Symlinks = links

	return spec
}

// publishDisks registers the block resources talosctl reads and reports the machine's disks,
// each also as a whole-disk discovered volume (machined's discovery probes every block device).
func publishDisks(ctx context.Context, st state.State, address string, devPaths []string) error {
	definitions := registry.NewResourceRegistry(st)

	for _, r := range []meta.ResourceWithRD{&block.DiscoveredVolume{}, &block.SystemDisk{}} {
		if err := definitions.Register(ctx, r); err != nil {
			return err
		}
	}

	for i, devPath := range devPaths {
		disk := block.NewDisk(block.NamespaceName, path.Base(devPath))
		*disk.TypedSpec() = diskSpec(address, devPath, i)

		if err := upsert(ctx, st, disk); err != nil {
			return err
		}

		volume := block.NewDiscoveredVolume(block.NamespaceName, path.Base(devPath))
		volume.TypedSpec().DevPath = devPath
		volume.TypedSpec().DevicePath = devPath
		volume.TypedSpec().Type = "disk"
		volume.TypedSpec().SetSize(disk.TypedSpec().Size)

		if err := upsert(ctx, st, volume); err != nil {
			return err
		}
	}

	return nil
}

// diskLinks is every path the machine's disks answer to: device paths and their /dev/disk links.
func diskLinks(ctx context.Context, st state.State) []string {
	disks, err := safe.StateListAll[*block.Disk](ctx, st)
	if err != nil {
		return nil
	}

	var out []string

	for disk := range disks.All() {
		out = append(out, disk.TypedSpec().DevPath)
		out = append(out, disk.TypedSpec().Symlinks...)
	}

	return out
}

// installDisk is the disk machined's Install task installs to (v1alpha1_sequencer_tasks.go
// Install): the first disk the selector matches, in the node's disk order, else the configured
// path with its links resolved (filepath.EvalSymlinks).
func installDisk(ctx context.Context, st state.State, cfg config.Provider) (*block.Disk, error) {
	install := cfg.Machine().Install()

	expr, err := install.DiskMatchExpression()
	if err != nil {
		return nil, err
	}

	if expr != nil {
		matched, err := blockhelpers.MatchDisks(ctx, st, expr)
		if err != nil || len(matched) == 0 {
			return nil, err
		}

		return matched[0], nil
	}

	disks, err := safe.StateListAll[*block.Disk](ctx, st)
	if err != nil {
		return nil, err
	}

	for disk := range disks.All() {
		if disk.TypedSpec().DevPath == install.Disk() || slices.Contains(disk.TypedSpec().Symlinks, install.Disk()) {
			return disk, nil
		}
	}

	return nil, nil
}

// systemPartitions is the installed system disk's layout: the installer's boot partition and
// META (cmd/installer/pkg/install/install.go getPartitionOptions, UEFI), then STATE and
// EPHEMERAL, which machined creates at the first boot (volumeconfig/system_volumes.go).
var systemPartitions = []struct {
	label, filesystem string
	size              uint64
}{
	{constants.EFIPartitionLabel, "vfat", 1 << 30},
	{constants.MetaPartitionLabel, "talosmeta", 1 << 20},
	{constants.StatePartitionLabel, "xfs", 100 << 20},
	{constants.EphemeralPartitionLabel, "xfs", 0},
}

// publishSystemDisk reports what installing Talos wrote, once: the partitions on the install disk
// and the SystemDisk resource (the SystemDiskController: the disk holding META). A config applied
// later never moves it; only a reset wipes it.
func publishSystemDisk(ctx context.Context, st state.State, cfg config.Provider) error {
	if cfg.Machine() == nil || cfg.Machine().Install() == nil {
		return nil
	}

	if _, err := st.Get(ctx, block.NewSystemDisk(block.NamespaceName, block.SystemDiskID).Metadata()); err == nil || !state.IsNotFoundError(err) {
		return err
	}

	disk, err := installDisk(ctx, st, cfg)
	if err != nil || disk == nil {
		return err
	}

	id := disk.Metadata().ID()
	remaining := disk.TypedSpec().Size

	for i, p := range systemPartitions {
		size := p.size
		if size == 0 {
			size = remaining
		}

		remaining -= size
		name := fmt.Sprintf("%sp%d", id, i+1)

		if disk.TypedSpec().Transport != "nvme" {
			name = fmt.Sprintf("%s%d", id, i+1)
		}

		volume := block.NewDiscoveredVolume(block.NamespaceName, name)
		v := volume.TypedSpec()
		v.DevPath = "/dev/" + name
		v.DevicePath = "/dev/" + name
		v.Type = "partition"
		v.Parent = id
		v.ParentDevPath = disk.TypedSpec().DevPath
		v.Name = p.filesystem
		v.PartitionLabel = p.label
		v.PartitionIndex = uint(i + 1)
		v.SetSize(size)

		if err = upsert(ctx, st, volume); err != nil {
			return err
		}
	}

	system := block.NewSystemDisk(block.NamespaceName, block.SystemDiskID)
	system.TypedSpec().DiskID = id
	system.TypedSpec().DevPath = disk.TypedSpec().DevPath

	return upsert(ctx, st, system)
}

// forgetSystemDisk is a reset's wipe of the system disk: its partitions and the SystemDisk go.
func forgetSystemDisk(ctx context.Context, st state.State) error {
	volumes, err := safe.StateListAll[*block.DiscoveredVolume](ctx, st)
	if err != nil {
		return err
	}

	pointers := []resource.Pointer{block.NewSystemDisk(block.NamespaceName, block.SystemDiskID).Metadata()}

	for volume := range volumes.All() {
		if volume.TypedSpec().Type == "partition" {
			pointers = append(pointers, volume.Metadata())
		}
	}

	for _, ptr := range pointers {
		if err := st.Destroy(ctx, ptr); err != nil && !state.IsNotFoundError(err) {
			return err
		}
	}

	return nil
}
