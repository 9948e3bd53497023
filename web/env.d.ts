// Stylesheets are bundled by esbuild (scripts/build-web.mjs); importing one yields nothing.
declare module '*.css';
