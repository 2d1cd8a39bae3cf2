// Package timing holds the real Talos durations the simulator reproduces, scaled for tests.
package timing

import "time"

// Real Talos timings on bare metal (time-scale 1).
const (
	install = 3 * time.Minute
	reboot  = time.Minute
	criUp   = 30 * time.Second
	// machined retries joining etcd every 3 s (services/etcd.go buildInitialCluster, retry.WithUnits).
	etcdJoinRetry = 3 * time.Second
	reset         = 30 * time.Second
	// the API answers the apply call before the node tears it down for the install.
	handoff = 500 * time.Millisecond
)

// Scale multiplies every real duration by a factor (1 = real time).
type Scale float64

func (s Scale) of(d time.Duration) time.Duration { return time.Duration(float64(d) * float64(s)) }

// Install is how long the node spends writing Talos to disk after its first config.
func (s Scale) Install() time.Duration { return s.of(install) }

// Reboot is how long the API is unreachable during a reboot.
func (s Scale) Reboot() time.Duration { return s.of(reboot) }

// CRIUp is how long after a configured boot the CRI (and with it the kubelet) is up: until then
// machined refuses bootstrap and etcd waits for the CRI.
func (s Scale) CRIUp() time.Duration { return s.of(criUp) }

// EtcdJoinRetry is the pause between a joining control plane's attempts to add its etcd member.
func (s Scale) EtcdJoinRetry() time.Duration { return max(s.of(etcdJoinRetry), 10*time.Millisecond) }

// Reset is how long wiping the node takes before it is back in maintenance.
func (s Scale) Reset() time.Duration { return s.of(reset) }

// Handoff is the pause between answering a call and going down; never scaled
// below what a client needs to read the reply and, for reset and reboot, to
// have its event watch (started alongside the call) in place.
func (s Scale) Handoff() time.Duration { return max(s.of(handoff), 300*time.Millisecond) }
