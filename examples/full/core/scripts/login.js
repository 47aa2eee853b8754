// Custom database login: checks the user against the legacy member store.
async function login(email, password, callback) {
  const response = await fetch(`${configuration.MEMBERS_URL}/login`, {
    method: 'POST',
    headers: { authorization: `Bearer ${configuration.MEMBERS_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status === 401) return callback(new WrongUsernameOrPasswordError(email));
  if (!response.ok) return callback(new Error(`member store answered ${response.status}`));
  const member = await response.json();
  return callback(null, { user_id: member.id, email: member.email, name: member.name });
}
