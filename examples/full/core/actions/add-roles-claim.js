// Adds the user's roles to the ID and access tokens under a namespaced claim.
exports.onExecutePostLogin = async (event, api) => {
  const roles = event.authorization?.roles ?? [];
  api.idToken.setCustomClaim('https://northwind.example/roles', roles);
  api.accessToken.setCustomClaim('https://northwind.example/roles', roles);
};
