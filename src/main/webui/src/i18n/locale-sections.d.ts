// A message file cut by the build (vite.config.ts, plugin locale-sections; src/i18n/sections.ts says which part).
declare module '*.json?public' {
  const messages: import('./sections').Messages;
  export default messages;
}
declare module '*.json?workspace' {
  const messages: import('./sections').Messages;
  export default messages;
}
