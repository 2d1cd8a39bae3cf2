package node

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/siderolabs/talos/pkg/machinery/config"
	"github.com/siderolabs/talos/pkg/machinery/config/configdiff"
	"github.com/siderolabs/talos/pkg/machinery/config/container"
)

// canApplyImmediate decides whether a running node can take the new config
// without a reboot: only the sections machined reconciles live may differ
// (.cluster, .debug, and the machine sections listed below — Talos' rule for
// --mode auto/no-reboot).
func canApplyImmediate(current, next config.Provider) error {
	if current == nil || current.RawV1Alpha1() == nil {
		return errors.New("no current config")
	}

	if next.RawV1Alpha1() == nil {
		return errors.New("new config is not v1alpha1")
	}

	cur := current.RawV1Alpha1()
	masked := next.RawV1Alpha1().DeepCopy()

	masked.ConfigDebug = cur.ConfigDebug
	masked.ClusterConfig = cur.ClusterConfig

	if masked.MachineConfig != nil && cur.MachineConfig != nil {
		m, c := masked.MachineConfig, cur.MachineConfig
		m.MachineCA = c.MachineCA
		m.MachineAcceptedCAs = c.MachineAcceptedCAs
		m.MachineTime = c.MachineTime //nolint:staticcheck // still part of the live set
		m.MachineCertSANs = c.MachineCertSANs
		m.MachineInstall = c.MachineInstall
		m.MachineNetwork = c.MachineNetwork //nolint:staticcheck // still part of the live set
		m.MachineSysfs = c.MachineSysfs
		m.MachineSysctls = c.MachineSysctls
		m.MachineLogging = c.MachineLogging
		m.MachineControlPlane = c.MachineControlPlane
		m.MachineKubelet = c.MachineKubelet
		m.MachineKernel = c.MachineKernel
		m.MachineRegistries = c.MachineRegistries //nolint:staticcheck // still part of the live set
		m.MachinePods = c.MachinePods
		m.MachineSeccompProfiles = c.MachineSeccompProfiles
		m.MachineNodeAnnotations = c.MachineNodeAnnotations
		m.MachineNodeLabels = c.MachineNodeLabels
		m.MachineNodeTaints = c.MachineNodeTaints

		if m.MachineFeatures != nil && c.MachineFeatures != nil {
			m.MachineFeatures.KubernetesTalosAPIAccessConfig = c.MachineFeatures.KubernetesTalosAPIAccessConfig
			m.MachineFeatures.KubePrismSupport = c.MachineFeatures.KubePrismSupport
			m.MachineFeatures.HostDNSSupport = c.MachineFeatures.HostDNSSupport
			m.MachineFeatures.ImageCacheSupport = c.MachineFeatures.ImageCacheSupport
			m.MachineFeatures.FeatureNodeAddressSortAlgorithm = c.MachineFeatures.FeatureNodeAddressSortAlgorithm
		}
	}

	if reflect.DeepEqual(cur, masked) {
		return nil
	}

	diff, err := configdiff.DiffConfigs(container.NewV1Alpha1(cur), container.NewV1Alpha1(masked))
	if err != nil {
		return fmt.Errorf("error calculating diff: %w", err)
	}

	return fmt.Errorf("this config change can't be applied in immediate mode\ndiff:\n%s", diff)
}
