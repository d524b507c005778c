export async function init() {}
