import { playComposer } from './play-composer.js';
import { playExplainer } from './play-explainer.js';
import { playPython } from './play-python.js';
import { playRouter } from './play-router.js';
import { playSql } from './play-sql.js';
import { playViz } from './play-viz.js';
import type { LocalTurn } from './local-turn.js';
import type { Conversation } from './read-conversation.js';

/** Decides the embedded model's answer from the role its instructions give it. */
export function playRole(conversation: Conversation): LocalTurn {
  switch (conversation.role) {
    case 'router':
      return playRouter(conversation);
    case 'sql':
      return playSql(conversation);
    case 'viz':
      return playViz(conversation);
    case 'composer':
      return playComposer(conversation);
    case 'explainer':
      return playExplainer(conversation);
    case 'python':
      return playPython(conversation);
    default:
      // No known role: behave as the analyst asked directly, which is the SQL agent's job.
      return conversation.wantsJson ? playRouter(conversation) : playSql(conversation);
  }
}
