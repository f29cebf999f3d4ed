// Placeholder until the screen lands (issue 4); the app shell imports it from this path.
export function GatewaysScreen() {
  return <p>GatewaysScreen</p>;
}
