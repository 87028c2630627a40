import { describeDocStoreContract } from './doc-store.contract.ts';
import { MemoryDocStore } from './memory-doc-store.ts';

describeDocStoreContract('MemoryDocStore', async ({ merge }) => new MemoryDocStore({ merge }));
