/* Copies the package's icons into dist/ so the built credentials and nodes find them at
 * file:../../icons/… (part of `npm run build`). */
const { src, dest } = require('gulp');

function buildIcons() {
	return src('icons/**/*.{png,svg}', { encoding: false }).pipe(dest('dist/icons'));
}

exports['build:icons'] = buildIcons;
