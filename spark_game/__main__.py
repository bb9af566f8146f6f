from spark_game.cli import main

raise SystemExit(main())
