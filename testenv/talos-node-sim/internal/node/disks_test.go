package node

import (
	"context"
	"slices"
	"testing"

	"github.com/cosi-project/runtime/pkg/safe"
	"github.com/siderolabs/talos/pkg/machinery/config/generate"
	"github.com/siderolabs/talos/pkg/machinery/resources/block"
)

func TestDisksCarryUdevLinksFromModelAndSerial(t *testing.T) {
	a := diskSpec("127.0.10.3", "/dev/nvme1n1", 1)
	b := diskSpec("127.0.10.4", "/dev/nvme1n1", 1)

	if a.Serial == b.Serial {
		t.Fatalf("two machines' disks share serial %s", a.Serial)
	}

	want := "/dev/disk/by-id/nvme-SAMSUNG_MZQL21T9HCJR-00A07_" + a.Serial + "_1"
	if !slices.Contains(a.Symlinks, want) {
		t.Fatalf("no %s in %v", want, a.Symlinks)
	}

	if !slices.Contains(a.Symlinks, "/dev/disk/by-path/pci-0000:02:00.0-nvme-1") || !slices.IsSorted(a.Symlinks) {
		t.Fatalf("by-path link missing or links unsorted: %v", a.Symlinks)
	}

	if again := diskSpec("127.0.10.3", "/dev/nvme1n1", 1); again.Serial != a.Serial {
		t.Fatal("a disk's serial changed between reads")
	}
}

func TestInstallWritesTalosPartitionsOnTheSelectedDiskOnly(t *testing.T) {
	ctx := context.Background()

	st, err := newResourceState(ctx)
	if err != nil {
		t.Fatal(err)
	}

	if err = publishDisks(ctx, st, "127.0.10.3", []string{"/dev/nvme0n1", "/dev/nvme1n1"}); err != nil {
		t.Fatal(err)
	}

	cfg := workerConfig(t, generate.WithInstallDisk("/dev/disk/by-path/pci-0000:02:00.0-nvme-1"))
	if err = publishSystemDisk(ctx, st, cfg); err != nil {
		t.Fatal(err)
	}

	system, err := safe.StateGetByID[*block.SystemDisk](ctx, st, block.SystemDiskID)
	if err != nil || system.TypedSpec().DiskID != "nvme1n1" {
		t.Fatalf("system disk %v, err %v; want nvme1n1 (the by-path link's disk)", system, err)
	}

	volumes, err := safe.StateListAll[*block.DiscoveredVolume](ctx, st)
	if err != nil {
		t.Fatal(err)
	}

	var labels []string

	for v := range volumes.All() {
		if v.TypedSpec().PartitionLabel != "" {
			if v.TypedSpec().Parent != "nvme1n1" {
				t.Fatalf("partition %s on %s", v.Metadata().ID(), v.TypedSpec().Parent)
			}

			labels = append(labels, v.TypedSpec().PartitionLabel)
		}
	}

	if !slices.Equal(labels, []string{"EFI", "META", "STATE", "EPHEMERAL"}) {
		t.Fatalf("partitions %v", labels)
	}

	if err = forgetSystemDisk(ctx, st); err != nil {
		t.Fatal(err)
	}

	if _, err = safe.StateGetByID[*block.SystemDisk](ctx, st, block.SystemDiskID); err == nil {
		t.Fatal("a reset left the system disk")
	}
}
