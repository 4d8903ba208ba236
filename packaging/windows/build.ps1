# Build Training Log's Windows installer: the PyInstaller bundle, then Inno Setup.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Needs: Python 3.11+ (python.org, 64-bit), Inno Setup 6 (iscc.exe on PATH or in its default
# folder). Produces dist\training-log\ and dist\training-log-<version>-setup.exe.
# Not run on the Linux machine the project is developed on; see packaging\README.md.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

if (-not (Test-Path .venv\Scripts\python.exe)) { python -m venv .venv }
$python = Resolve-Path .venv\Scripts\python.exe
& $python -m pip install --upgrade pip
& $python -m pip install -e ".[packaging]"   # PyInstaller, and Pillow for the .ico
if ($LASTEXITCODE) { throw "pip install failed" }

$version = & $python -c "from importlib.metadata import version; print(version('training-log'))"

# The installer's own icon: every hicolor size in one .ico (the .exe gets its icon from the
# spec, which PyInstaller converts from the 512 px PNG with Pillow).
New-Item -ItemType Directory -Force build | Out-Null
& $python -c @"
from PIL import Image
sizes = [16, 24, 32, 48, 64, 128, 256]
images = [Image.open(f'resources/icons/hicolor/{s}x{s}/apps/training-log.png') for s in sizes]
images[-1].save('build/training-log.ico', sizes=[(s, s) for s in sizes], append_images=images[:-1])
"@
if ($LASTEXITCODE) { throw "icon conversion failed" }

& $python -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller `
    packaging\training-log.spec
if ($LASTEXITCODE) { throw "PyInstaller failed" }

# The bundle must work before it is wrapped: window, save, both files.
& dist\training-log\traininglog.exe --version
& dist\training-log\traininglog.exe --self-test
if ($LASTEXITCODE) { throw "the bundled app's self-test failed" }

$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" "/DIconFile=build\training-log.ico" packaging\windows\training-log.iss
if ($LASTEXITCODE) { throw "Inno Setup failed" }
Write-Host "dist\training-log-$version-setup.exe"
