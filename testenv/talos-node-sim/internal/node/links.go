package node

import (
	"context"
	"fmt"
	"net/netip"

	"github.com/cosi-project/runtime/pkg/resource/meta"
	"github.com/cosi-project/runtime/pkg/state"
	"github.com/cosi-project/runtime/pkg/state/registry"
	"github.com/siderolabs/talos/pkg/machinery/nethelpers"
	"github.com/siderolabs/talos/pkg/machinery/resources/network"
)

// DefaultLinks are the physical links of a machine whose spec names none: two on-board ports,
// as systemd's predictable naming calls them (Talos keeps the kernel's names).
var DefaultLinks = []string{"eno1", "eno2"}

// publishLinks reports the machine's links the way machined's LinkStatusController does
// (loopback and physical Ethernet links, each up), and its public address on the first physical
// link (AddressStatusController): what `talosctl get links` / `get addresses` read, in maintenance
// mode too (both are non-sensitive).
func publishLinks(ctx context.Context, st state.State, address string, names []string) error {
	definitions := registry.NewResourceRegistry(st)

	for _, r := range []meta.ResourceWithRD{&network.LinkStatus{}, &network.AddressStatus{}} {
		if err := definitions.Register(ctx, r); err != nil {
			return err
		}
	}

	if len(names) == 0 {
		names = DefaultLinks
	}

	lo := network.NewLinkStatus(network.NamespaceName, "lo")
	lo.TypedSpec().Index = 1
	lo.TypedSpec().Type = nethelpers.LinkLoopbck
	lo.TypedSpec().MTU = 65536
	lo.TypedSpec().OperationalState = nethelpers.OperStateUnknown
	lo.TypedSpec().LinkState = true

	if err := upsert(ctx, st, lo); err != nil {
		return err
	}

	if err := publishAddress(ctx, st, "lo", 1, netip.MustParsePrefix("127.0.0.1/8"), nethelpers.ScopeHost); err != nil {
		return err
	}

	ip, err := netip.ParseAddr(address)
	if err != nil {
		return err
	}

	for i, name := range names {
		link := network.NewLinkStatus(network.NamespaceName, name)
		spec := link.TypedSpec()
		spec.Index = uint32(i + 2)
		spec.Type = nethelpers.LinkEther
		spec.MTU = 1500
		spec.HardwareAddr = nethelpers.HardwareAddr{0x02, ip.As4()[1], ip.As4()[2], ip.As4()[3], 0, byte(i)}
		spec.PermanentAddr = spec.HardwareAddr
		spec.BroadcastAddr = nethelpers.HardwareAddr{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
		spec.OperationalState = nethelpers.OperStateUp
		spec.LinkState = true
		spec.BusPath = fmt.Sprintf("0000:%02x:00.%d", 1, i)
		spec.Driver = "ice"

		if err := upsert(ctx, st, link); err != nil {
			return err
		}
	}

	return publishAddress(ctx, st, names[0], 2, netip.PrefixFrom(ip, 32), nethelpers.ScopeGlobal)
}

func publishAddress(ctx context.Context, st state.State, link string, index uint32, prefix netip.Prefix, scope nethelpers.Scope) error {
	addr := network.NewAddressStatus(network.NamespaceName, network.AddressID(link, prefix))
	spec := addr.TypedSpec()
	spec.Address = prefix
	spec.Local = prefix.Addr()
	spec.LinkIndex = index
	spec.LinkName = link
	spec.Family = nethelpers.FamilyInet4
	spec.Scope = scope

	return upsert(ctx, st, addr)
}
