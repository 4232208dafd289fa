import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/app-error.js';
import type { Template } from '../../store/repositories/templates-repository.js';
import type { AppDeps } from '../app-deps.js';
import { parseInput } from '../http/parse-body.js';

const IdParams = z.object({ id: z.string().min(1) });
const TemplateBody = z.object({
  title: z.string().max(200).optional(),
  prompt: z.string().trim().min(1, 'a template needs its prompt').max(10_000),
  generated_sql: z.string().nullable().optional(),
  ui_code: z.string().nullable().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  data_source: z.string().nullable().optional(),
});
const TemplatePatch = TemplateBody.partial();

/** Templates travel in the field names (snake_case). */
const toDto = (template: Template) => ({
  id: template.id,
  title: template.title,
  prompt: template.prompt,
  generated_sql: template.generatedSql,
  ui_code: template.uiCode,
  parameters: template.parameters,
  data_source: template.dataSource,
  created_at: template.createdAt,
  updated_at: template.updatedAt,
});

const fromDto = (body: z.infer<typeof TemplatePatch>) => ({
  title: body.title,
  prompt: body.prompt,
  generatedSql: body.generated_sql,
  uiCode: body.ui_code,
  parameters: body.parameters,
  dataSource: body.data_source,
});

/** Templates CRUD: a saved question with its SQL, chart code, parameters and datasource. */
export function registerTemplateRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { templates } = deps.store;
  const notFound = (id: string) => new AppError('NOT_FOUND', `No template ${id}.`);

  app.get('/api/templates', async (request) => ({ templates: (await templates.list(request.auth.workspaceId)).map(toDto) }));

  app.post('/api/templates', async (request, reply) => {
    const body = parseInput(TemplateBody, request.body);
    const created = await templates.create(request.auth.workspaceId, { ...fromDto(body), prompt: body.prompt });
    return reply.status(201).send(toDto(created));
  });

  app.get('/api/templates/:id', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const template = await templates.get(request.auth.workspaceId, id);
    if (!template) throw notFound(id);
    return toDto(template);
  });

  const update = async (request: { params: unknown; body: unknown; auth: { workspaceId: string } }) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const template = await templates.update(request.auth.workspaceId, id, fromDto(parseInput(TemplatePatch, request.body)));
    if (!template) throw notFound(id);
    return toDto(template);
  };
  app.patch('/api/templates/:id', update);
  app.put('/api/templates/:id', update);

  app.delete('/api/templates/:id', async (request, reply) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    if (!(await templates.delete(request.auth.workspaceId, id))) throw notFound(id);
    return reply.status(204).send();
  });
}
