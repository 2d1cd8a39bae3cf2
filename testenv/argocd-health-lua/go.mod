// Argo CD's health-check Lua runtime for tests: gopher-lua at the version argoproj/argo-cd v3.5.1 pins.
module cto/testenv/argocd-health-lua

go 1.26.6

require github.com/yuin/gopher-lua v1.1.2
