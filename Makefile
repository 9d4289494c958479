# Entry points for humans; each target delegates to a script (CI calls the scripts directly).
# PY=/path/to/python builds with that environment instead of bootstrapping .venv (e.g. PY=/work/venv/bin/python).
# ARGS="..." passes arguments through (make test ARGS="-k packaging", make demo ARGS="--headless --cycles 3").

PY ?= $(BUNDLE_PYTHON)
ARGS ?=
export BUNDLE_PYTHON := $(PY)

.PHONY: help test demo bundle release-check clean

help:
	@echo "make test           the test suite (scripts/test)"
	@echo "make demo           demo mode: local simulators, no account (scripts/demo)"
	@echo "make bundle         one-folder PyInstaller bundle for this platform in dist/ (scripts/bundle)"
	@echo "make release-check  build the Linux bundle and check it as a release (scripts/release-check)"
	@echo "make clean          remove build/ and dist/"

test:
	scripts/test $(ARGS)

demo:
	scripts/demo $(ARGS)

bundle:
	scripts/bundle $(ARGS)

release-check:
	scripts/release-check $(ARGS)

clean:
	rm -rf build dist
