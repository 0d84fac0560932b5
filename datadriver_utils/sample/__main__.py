"""``python -m datadriver_utils.sample --seed N [--out DIR]``: regenerate the sample district."""

from __future__ import annotations

from pathlib import Path

import click

from datadriver_utils.sample.generator import DEFAULT_SEED, generate_district


@click.command()
@click.option("--seed", default=DEFAULT_SEED, show_default=True, help="Random seed; same seed, same files.")
@click.option("--out", "out_dir", default="sample_data", show_default=True, type=click.Path(path_type=Path))
def main(seed: int, out_dir: Path) -> None:
    """Write the sample district (district.yml, templates/, teams/) into OUT."""
    generate_district(out_dir, seed)
    click.echo(f"Sample district written to {out_dir} (seed {seed}).")


if __name__ == "__main__":
    main()
