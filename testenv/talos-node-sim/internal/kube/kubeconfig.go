package kube

import (
	"encoding/base64"

	"gopkg.in/yaml.v3"
)

// KubeconfigFor renders the admin kubeconfig Talos generates for a cluster
// (cluster <name>, user and context admin@<name>), pointing at the local
// control plane with its admin credentials.
func (a *Admin) KubeconfigFor(clusterName string) ([]byte, error) {
	user := "admin@" + clusterName

	return yaml.Marshal(map[string]any{
		"apiVersion": "v1",
		"kind":       "Config",
		"clusters": []any{map[string]any{
			"name": clusterName,
			"cluster": map[string]any{
				"server":                     a.Server,
				"certificate-authority-data": base64.StdEncoding.EncodeToString(a.CA),
			},
		}},
		"users": []any{map[string]any{
			"name": user,
			"user": map[string]any{
				"client-certificate-data": base64.StdEncoding.EncodeToString(a.Cert),
				"client-key-data":         base64.StdEncoding.EncodeToString(a.Key),
			},
		}},
		"contexts": []any{map[string]any{
			"name":    user,
			"context": map[string]any{"cluster": clusterName, "user": user, "namespace": "default"},
		}},
		"current-context": user,
	})
}
