package kube

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
)

const fieldManager = "talos-node-sim"

// Node is what a Talos node's kubelet reports about itself.
type Node struct {
	Name           string
	Address        string
	Labels         map[string]string
	HugepagesBytes int64
}

// RegisterNode creates or updates the Node the way kubelet would register
// it; the kwok annotation hands its conditions to the harness's kwok.
func (a *Admin) RegisterNode(ctx context.Context, n Node) error {
	// a Latitude storage-class machine, as testenv/nodes.ts describes one
	resources := map[string]string{
		"cpu":               "32",
		"memory":            "128Gi",
		"pods":              "110",
		"ephemeral-storage": "500Gi",
		"hugepages-2Mi":     strconv.FormatInt(n.HugepagesBytes, 10),
	}

	object := map[string]any{
		"apiVersion": "v1",
		"kind":       "Node",
		"metadata": map[string]any{
			"name":        n.Name,
			"labels":      n.Labels,
			"annotations": map[string]string{"kwok.x-k8s.io/node": "fake"},
		},
	}

	if err := a.apply(ctx, "/api/v1/nodes/"+url.PathEscape(n.Name), object); err != nil {
		return err
	}

	object["status"] = map[string]any{
		"capacity":    resources,
		"allocatable": resources,
		"addresses":   []map[string]string{{"type": "InternalIP", "address": n.Address}, {"type": "Hostname", "address": n.Name}},
	}

	return a.apply(ctx, "/api/v1/nodes/"+url.PathEscape(n.Name)+"/status", object)
}

func (a *Admin) apply(ctx context.Context, path string, object map[string]any) error {
	body, err := json.Marshal(object)
	if err != nil {
		return err
	}

	req, err := http.NewRequestWithContext(ctx, http.MethodPatch,
		a.Server+path+"?fieldManager="+fieldManager+"&force=true", bytes.NewReader(body))
	if err != nil {
		return err
	}

	req.Header.Set("Content-Type", "application/apply-patch+yaml")
	req.Header.Set("Accept", "application/json")

	resp, err := a.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close() //nolint:errcheck

	if resp.StatusCode >= 300 {
		detail, _ := io.ReadAll(io.LimitReader(resp.Body, 4096)) //nolint:errcheck

		return fmt.Errorf("PATCH %s: %s: %s", path, resp.Status, detail)
	}

	return nil
}
