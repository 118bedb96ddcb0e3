import { activeSpec } from '../core/feature-spec';
import { openApiDocument } from './openapi';

describe('OpenAPI document', () => {
  const doc = openApiDocument('http://api.test') as unknown as {
    paths: Record<string, Record<string, { security?: unknown[]; parameters?: { name: string }[] }>>;
    components: {
      schemas: Record<string, { properties?: Record<string, { items?: { properties?: object } }> }>;
    };
  };

  it('describes every route, with the bearer scheme on all but health', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(
      expect.arrayContaining(['/health', '/past-predictions', '/predict']),
    );
    expect(doc.paths['/predict']!.post!.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/health']!.get!.security).toBeUndefined();
    expect(doc.paths['/past-predictions']!.get!.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['from', 'to', 'source', 'limit', 'cursor']),
    );
  });

  it('shows the request rows with the feature spec’s own columns', () => {
    const rows = doc.components.schemas.PredictRequest!.properties!.rows!;
    const columns = Object.keys(rows.items!.properties!);
    expect(columns).toEqual([activeSpec.idColumn!.name, ...activeSpec.features.map((f) => f.name)]);
  });
});
