// react-dom's profiling build has the API of react-dom/client (React's docs); @types/react-dom does not declare it.
declare module 'react-dom/profiling' {
  export * from 'react-dom/client';
}
