/**
 * Health check for `argoproj.io/Application`, the one Argo CD documents
 * (operator-manual/health.md, "Argocd App"). Since Argo CD 1.8 a parent
 * application no longer assesses the health of its child Applications, so sync
 * waves would not wait for Mayastor to be Healthy before the next wave. Set it in
 * `argocd-cm` under `resource.customizations.health.argoproj.io_Application`.
 */
export const APPLICATION_HEALTH_KEY = 'resource.customizations.health.argoproj.io_Application';

export const applicationHealthLua = `hs = {}
hs.status = "Progressing"
hs.message = ""
if obj.status ~= nil then
  if obj.status.health ~= nil then
    hs.status = obj.status.health.status
    if obj.status.health.message ~= nil then
      hs.message = obj.status.health.message
    end
  end
end
return hs
`;
