import type { CodegenConfig } from '@graphql-codegen/cli';

// Operations and their types are generated from the service's contract (schema/graphql/schema.graphql, which a
// server-side test keeps equal to the code). An operation that names a field the contract does not have fails here;
// a changed type fails `tsc`. Either way the build stops before the UI and the API drift apart.
const config: CodegenConfig = {
  schema: ['../../../schema/graphql/schema.graphql', 'scalars.graphql'],
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  errorsOnly: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', BigInteger: 'string | number', BigDecimal: 'number', ID: 'string' },
        avoidOptionals: { field: true, inputValue: false, object: false },
      },
    },
  },
};
export default config;
