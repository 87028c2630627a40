export { backup, type Manifest, restore } from './backup.ts';
