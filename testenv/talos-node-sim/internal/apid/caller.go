package apid

import (
	"context"

	"github.com/siderolabs/talos/pkg/machinery/role"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/peer"
)

// rolesOf reads the caller's Talos roles from its client certificate's
// organizations; maintenance connections carry no certificate and apid
// serves them in read-only role mode.
func rolesOf(ctx context.Context) role.Set {
	p, ok := peer.FromContext(ctx)
	if !ok {
		return role.Zero
	}

	info, ok := p.AuthInfo.(credentials.TLSInfo)
	if !ok || len(info.State.PeerCertificates) == 0 {
		return role.MakeSet(role.Reader)
	}

	roles, _ := role.Parse(info.State.PeerCertificates[0].Subject.Organization)

	return roles
}

func isAdmin(ctx context.Context) bool { return rolesOf(ctx).Includes(role.Admin) }
