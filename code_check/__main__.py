from code_check.cli import main

raise SystemExit(main())
