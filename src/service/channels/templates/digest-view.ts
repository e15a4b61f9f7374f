// What digest templates see: the digest message with readable times and links on every lead.
import type { DigestMessage } from '../message-data.js';
import { itemView } from './card-view.js';

export function digestView(message: DigestMessage, publicUrl: string | undefined) {
  const items = (list: DigestMessage['hot']) => list.map((item) => itemView(item, publicUrl));
  return {
    ...message,
    link: message.link ?? (publicUrl ? `${publicUrl.replace(/\/+$/, '')}/leads` : null),
    handOvers: items(message.handOvers),
    hot: items(message.hot),
    waiting: items(message.waiting),
    empty: message.handOvers.length + message.hot.length + message.waiting.length === 0,
  };
}
